# Learning-curve predictors of linear against full-budget accuracy
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'predictors.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'predictors.svg' : 'predictors' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 2820,8310 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 9.4in,27.7in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 940,2770 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 7,2 rowsfirst title 'Learning-curve predictors of linear against full-budget accuracy' margins 0.1106,0.9489,0.0477,0.9718 spacing 0.0191,0.0296
set title 'tse 1 ep: 0.58'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-131.4602957:-68.29827225]
unset logscale x
set format x '% h'
set xtics 20
set ylabel 'target accuracy'
set yrange [0.709424:0.883076]
unset logscale y
set format y '% h'
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0202 center top vertical maxrows 2 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 1 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 1 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'tse 2 ep: 0.59'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-230.4710892:-103.4126442]
unset logscale x
set format x '% h'
set xtics 50
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
plot datafile index 2 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 3 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 3 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'tse_last 1 ep: 0.58'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-28.10155635:-10.97349662]
unset logscale x
set format x '% h'
set xtics 5
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
plot datafile index 4 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'tse_last 2 ep: 0.56'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-49.64905184:-17.46167285]
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
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 7 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 7 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'loss_ema 1 ep: 0.58'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.741093901:-0.6640066536]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 8 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 9 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 9 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'loss_ema 2 ep: 0.57'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.539957343:-0.5344884343]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 10 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_acc_last 1 ep: 0.54'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.255:0.7828]
unset logscale x
set format x '% h'
set xtics 0.2
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
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 13 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 13 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_acc_last 2 ep: 0.51'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.395984:0.813816]
unset logscale x
set format x '% h'
set xtics 0.2
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
plot datafile index 14 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 15 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 15 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 1 ep: 0.57'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.784373967:-0.6430155718]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 16 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 17 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 17 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 2 ep: 0.55'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.538158111:-0.5013057192]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 18 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 19 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 19 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 1 ep: 0.57'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.784373967:-0.6430155718]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 20 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 21 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 21 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 2 ep: 0.55'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.538158111:-0.5013057192]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 22 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 23 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 23 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'vote 1 ep: 0.62'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [-1.746666667:67.08]
unset logscale x
set format x '% h'
set xtics 20
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
plot datafile index 24 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 25 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 25 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'vote 2 ep: 0.58'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [-2.053333333:66.38666667]
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
plot datafile index 26 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture', \
     datafile index 27 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 27 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
unset multiplot
set output
