# Kendall's tau-b of proxy and full-budget rankings, by budget
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'tau_by_budget.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'tau_by_budget.svg' : 'tau_by_budget' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 2580,1980 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 8.6in,6.6in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 860,660 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set title 'Kendall''s tau-b of proxy and full-budget rankings, by budget'
set xtics (1, 2)
set ytics autofreq
set xlabel 'budget (epochs, log scale)'
set xrange [0.6666666667:3]
set logscale x
set format x "%g"
set ylabel 'Kendall''s tau-b (kendall_tau_b, no unit)'
set yrange [-0.1:1.05]
unset logscale y
set format y '% h'
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key below Left reverse samplen 2.5 spacing 1.1 nobox
plot datafile index 0 using 1:2 with lines lw 1.2 dt 1 lc rgb '#0072b2' notitle, \
     datafile index 1 using 1:2:3:4 with yerrorbars lw 1.6 dt 1 pt 7 ps 1.3 lc rgb '#0072b2' title 'const', \
     datafile index 2 using 1:2 with lines lw 1.2 dt 1 lc rgb '#d55e00' notitle, \
     datafile index 3 using 1:2:3:4 with yerrorbars lw 1.6 dt 1 pt 5 ps 1.3 lc rgb '#d55e00' title 'cosine', \
     datafile index 4 using 1:2 with lines lw 1.2 dt 1 lc rgb '#009e73' notitle, \
     datafile index 5 using 1:2:3:4 with yerrorbars lw 1.6 dt 1 pt 9 ps 1.3 lc rgb '#009e73' title 'linear', \
     datafile index 6 using 1:2 with lines lw 1.2 dt 1 lc rgb '#cc79a7' notitle, \
     datafile index 7 using 1:2:3:4 with yerrorbars lw 1.6 dt 1 pt 13 ps 1.3 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 8 using 1:2 with lines lw 1.8 dt 2 lc rgb '#000000' title 'noise ceiling (seed vs seed): 0.536, 95% CI 0.40 to 0.66', \
     datafile index 9 using 1:2 with lines lw 2.2 dt 3 lc rgb '#555555' title 'ceiling matched to the target: 0.809'
set output
