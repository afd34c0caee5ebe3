# Kendall's tau-b against compute per architecture
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>
if (!exists("datafile")) datafile = 'tau_vs_compute.dat'
if (!exists("outfile")) outfile = 'tau_vs_compute.svg'
set terminal svg size 900,640 fixed noenhanced font 'sans-serif,13' background '#ffffff'
set output outfile
set encoding utf8
set title 'Kendall''s tau-b against compute per architecture'
set xlabel 'compute per architecture (seconds, log scale)'
set xrange [1e-06:100]
set logscale x
set format x "%g"
set ylabel 'Kendall''s tau-b (kendall_tau_b, no unit)'
set yrange [-0.2:1.05]
set grid lc rgb '#d0d0d0' lw 1
set key below Left reverse samplen 2.5 spacing 1.1
plot datafile index 0 using 1:2 with steps lw 1.5 dt 2 lc rgb '#999999' title 'frontier: best tau for the compute', \
     datafile index 1 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#0072b2' title 'const', \
     datafile index 1 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#0072b2' notitle, \
     datafile index 2 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#d55e00' title 'cosine', \
     datafile index 2 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#d55e00' notitle, \
     datafile index 3 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#009e73' title 'linear', \
     datafile index 4 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.7 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 5 using 1:2 with points pt 7 ps 0.7 lc rgb '#8c564b' title 'learning-curve predictors (same runs)', \
     datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'zero-cost scores', \
     datafile index 6 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#555555' notitle, \
     datafile index 7 using 1:2 with points pt 7 ps 1 lc rgb '#555555' notitle, \
     datafile index 7 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#555555' notitle, \
     datafile index 8 using 1:2 with points pt 7 ps 1.3 lc rgb '#000000' title 'full budget, one seed (noise ceiling)'
set output
