# Zero-cost scores against full-budget accuracy
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'zero_cost_scores.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'zero_cost_scores.svg' : 'zero_cost_scores' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 4680,4650 noenhanced font 'sans,21' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 15.6in,15.5in noenhanced font 'sans,15.12' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1560,1550 fixed noenhanced font 'sans-serif,21' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 3,3 rowsfirst title 'Zero-cost scores against full-budget accuracy' margins 0.0933,0.9569,0.1192,0.9295 spacing 0.0162,0.0741
set title 'synflow: τ-b 0.08 (log x)'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [1.78088923e+12:1.179123508e+16]
set logscale x
set format x "%g"
set xtics 1e+12, 10
set ylabel 'target accuracy'
set yrange [0.79966:0.86984]
unset logscale y
set format y '% h'
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0506 center top vertical maxrows 2 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 1 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 1 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'snip: τ-b -0.08'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [11.65846588:36.90180229]
unset logscale x
set format x '% h'
set xtics 10
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 2 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 3 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 3 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'grasp: τ-b 0.27'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-2.853532727:0.1513683635]
unset logscale x
set format x '% h'
set xtics 1
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 4 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'fisher: τ-b -0.03'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.009631464082:0.08872382482]
unset logscale x
set format x '% h'
set xtics 0.02
set ylabel 'target accuracy'
set yrange [0.79966:0.86984]
unset logscale y
set format y '% h'
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 7 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 7 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'grad_norm: τ-b -0.06'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [6.682130358:20.26352344]
unset logscale x
set format x '% h'
set xtics 5
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 8 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 9 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 9 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'jacob_cov: τ-b 0.27'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-73.61795474:-68.40139355]
unset logscale x
set format x '% h'
set xtics 2
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 10 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'naswot: τ-b 0.13'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [598.4166471:632.7050488]
unset logscale x
set format x '% h'
set xtics 10
set ylabel 'target accuracy'
set yrange [0.79966:0.86984]
unset logscale y
set format y '% h'
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 13 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 13 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'params: τ-b -0.07'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [104822.48:352301.52]
unset logscale x
set format x '%.1e'
set xtics 100000
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 14 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 15 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 15 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'macs: τ-b 0.10'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [4533427.68:10078000.32]
unset logscale x
set format x '%.1e'
set xtics 2000000
set ylabel ''
set yrange [0.79966:0.86984]
unset logscale y
set format y ''
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 16 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 17 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 17 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
unset multiplot
set output
