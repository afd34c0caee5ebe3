# Kendall's tau-b against compute per architecture
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'tau_vs_compute.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'tau_vs_compute.svg' : 'tau_vs_compute' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 3360,2550 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 11.2in,8.5in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1120,850 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 1,2 rowsfirst title 'Kendall''s tau-b against compute per architecture' margins 0.0929,0.9571,0.3318,0.9082 spacing 0.0161,0.0541
set title 'all proxies'
set xtics ('10⁻⁶' 1e-06, '10⁻⁵' 1e-05, '10⁻⁴' 0.0001, '10⁻³' 0.001, '10⁻²' 0.01, '0.1' 0.1, '1' 1, '10' 10, '100' 100)
set ytics autofreq
set xlabel 'compute per architecture (s, log scale)'
set xrange [1e-06:208.9296131]
set logscale x
set format x "%g"
set ylabel 'Kendall''s tau-b (kendall_tau_b, no unit)'
set yrange [-0.1:1.05]
unset logscale y
set format y '% h'
set ytics 0.25
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.2424 center top vertical maxrows 8 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with steps lw 2.5 dt 1 lc rgb '#444444' title 'frontier: the best τ-b reachable for the compute', \
     datafile index 1 using 1:2 with lines lw 1.2 dt 1 lc rgb '#0072b2' notitle, \
     datafile index 2 using 1:2 with points pt 7 ps 1.3 lc rgb '#0072b2' title 'const', \
     datafile index 3 using 1:2 with lines lw 1.2 dt 1 lc rgb '#d55e00' notitle, \
     datafile index 4 using 1:2 with points pt 5 ps 1.3 lc rgb '#d55e00' title 'cosine', \
     datafile index 5 using 1:2 with lines lw 1.2 dt 1 lc rgb '#009e73' notitle, \
     datafile index 6 using 1:2 with points pt 9 ps 1.3 lc rgb '#009e73' title 'linear', \
     datafile index 7 using 1:2 with lines lw 1.2 dt 1 lc rgb '#cc79a7' notitle, \
     datafile index 8 using 1:2 with points pt 13 ps 1.3 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 9 using 1:2 with points pt 6 ps 0.8 lc rgb '#8c564b' title 'learning-curve predictors (of each cell''s runs)', \
     datafile index 10 using 1:2 with points pt 13 ps 1.4 lc rgb '#555555' title 'zero-cost scores', \
     datafile index 11 using 1:2 with points pt 7 ps 1.8 lc rgb '#000000' title 'full budget, one seed (its τ-b is the noise ceiling)', \
     datafile index 12 using 1:2:3 with labels center tc rgb '#333333' notitle
set title 'budgeted training, enlarged'
set xtics (10, 20, 50, 100)
set ytics autofreq
set xlabel 'compute per architecture (s, log scale)'
set xrange [4.837868441:131.294028]
set logscale x
set format x "%g"
set ylabel ''
set yrange [-0.1:1.05]
unset logscale y
set format y ''
set ytics 0.25
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 13 using 1:2 with steps lw 2.5 dt 1 lc rgb '#444444' title 'frontier: the best τ-b reachable for the compute', \
     datafile index 14 using 1:2 with lines lw 1.2 dt 1 lc rgb '#0072b2' notitle, \
     datafile index 15 using 1:2 with points pt 7 ps 1.3 lc rgb '#0072b2' title 'const', \
     datafile index 16 using 1:2 with lines lw 1.2 dt 1 lc rgb '#d55e00' notitle, \
     datafile index 17 using 1:2 with points pt 5 ps 1.3 lc rgb '#d55e00' title 'cosine', \
     datafile index 18 using 1:2 with lines lw 1.2 dt 1 lc rgb '#009e73' notitle, \
     datafile index 19 using 1:2 with points pt 9 ps 1.3 lc rgb '#009e73' title 'linear', \
     datafile index 20 using 1:2 with lines lw 1.2 dt 1 lc rgb '#cc79a7' notitle, \
     datafile index 21 using 1:2 with points pt 13 ps 1.3 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 22 using 1:2 with points pt 6 ps 0.8 lc rgb '#8c564b' title 'learning-curve predictors (of each cell''s runs)', \
     datafile index 23 using 1:2 with points pt 7 ps 1.8 lc rgb '#000000' title 'full budget, one seed (its τ-b is the noise ceiling)', \
     datafile index 24 using 1:2:3 with labels center tc rgb '#222222' notitle
unset multiplot
set output
