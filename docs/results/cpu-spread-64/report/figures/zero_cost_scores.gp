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
set title 'synflow: τ-b 0.49 (log x)'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [34178.35488:5.929458998e+15]
set logscale x
set format x "%g"
set xtics 10000, 1000
set ylabel 'target accuracy'
set yrange [0.709424:0.883076]
unset logscale y
set format y '% h'
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0506 center top vertical maxrows 2 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 1 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 1 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'snip: τ-b 0.48'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.155735194:27.7239923]
unset logscale x
set format x '% h'
set xtics 10
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 2 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 3 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 3 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'grasp: τ-b -0.04'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-2.134206161:0.6756336138]
unset logscale x
set format x '% h'
set xtics 1
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 4 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'fisher: τ-b 0.42 (log x)'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.0001591778007:0.07317805049]
set logscale x
set format x "%g"
set xtics 0.0001, 10
set ylabel 'target accuracy'
set yrange [0.709424:0.883076]
unset logscale y
set format y '% h'
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 7 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 7 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'grad_norm: τ-b 0.44'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-0.3626969817:15.66598607]
unset logscale x
set format x '% h'
set xtics 5
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 8 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 9 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 9 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'jacob_cov: τ-b 0.37'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-129.4663412:-64.21236889]
unset logscale x
set format x '% h'
set xtics 20
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 10 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'naswot: τ-b 0.44'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [486.1413831:645.0563555]
unset logscale x
set format x '% h'
set xtics 50
set ylabel 'target accuracy'
set yrange [0.709424:0.883076]
unset logscale y
set format y '% h'
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 13 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 13 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'params: τ-b 0.53'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [-9182.32:189994.32]
unset logscale x
set format x '%.1e'
set xtics 50000
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 14 using 1:2 with points pt 7 ps 1 lc rgb '#555555' title 'architecture', \
     datafile index 15 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 15 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'macs: τ-b 0.50'
set xtics autofreq
set ytics autofreq
set xlabel 'score value'
set xrange [459537.92:8514782.08]
unset logscale x
set format x '%.1e'
set xtics 2500000
set ylabel ''
set yrange [0.709424:0.883076]
unset logscale y
set format y ''
set ytics 0.05
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
