# Kendall's tau-b of proxy and full-budget rankings, by budget
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>
if (!exists("datafile")) datafile = 'tau_by_budget.dat'
if (!exists("outfile")) outfile = 'tau_by_budget.svg'
set terminal svg size 820,560 fixed noenhanced font 'sans-serif,13' background '#ffffff'
set output outfile
set encoding utf8
set title 'Kendall''s tau-b of proxy and full-budget rankings, by budget'
set xlabel 'budget (epochs, log scale)'
set xrange [0.1666666667:3]
set logscale x
set format x "%g"
set xtics (0.25, 0.5, 1, 2)
set ylabel 'Kendall''s tau-b (kendall_tau_b, no unit)'
set yrange [-0.5:1.05]
set grid lc rgb '#d0d0d0' lw 1
set key below Left reverse samplen 2.5 spacing 1.1
plot datafile index 0 using 1:3:4 with filledcurves fill transparent solid 0.12 noborder lc rgb '#777777' notitle, \
     datafile index 1 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#0072b2' notitle, \
     datafile index 2 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#0072b2' title 'const', \
     datafile index 3 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#d55e00' notitle, \
     datafile index 4 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#d55e00' title 'cosine', \
     datafile index 5 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#009e73' notitle, \
     datafile index 6 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#009e73' title 'linear', \
     datafile index 7 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#cc79a7' notitle, \
     datafile index 8 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 9 using 1:2 with lines lw 1.5 dt 2 lc rgb '#000000' title 'noise ceiling (0.265)', \
     datafile index 10 using 1:2 with lines lw 1.5 dt 3 lc rgb '#000000' title 'ceiling matched to the target (0.558)'
set output
