# Learning-curve predictors of const against full-budget accuracy
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'predictors.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'predictors.svg' : 'predictors' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 5640,5571 noenhanced font 'sans,25' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 18.8in,18.57in noenhanced font 'sans,18' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1880,1857 fixed noenhanced font 'sans-serif,25' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 4,4 rowsfirst title 'Learning-curve predictors of const against full-budget accuracy' margins 0.0922,0.9574,0.1185,0.9300 spacing 0.0160,0.0736
set title 'val_acc_last 0.25 ep: 0.33'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.08681:0.34694]
unset logscale x
set format x '% h'
set xtics 0.1
set ylabel 'target accuracy'
set yrange [0.79966:0.86984]
unset logscale y
set format y '% h'
set ytics 0.02
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0503 center top vertical maxrows 2 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 1 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 1 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'val_acc_last 0.5 ep: -0.11'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.20381:0.47119]
unset logscale x
set format x '% h'
set xtics 0.1
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
plot datafile index 2 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 3 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 3 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'val_acc_last 1 ep: 0.11'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.40921:0.68529]
unset logscale x
set format x '% h'
set xtics 0.1
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
plot datafile index 4 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'val_acc_last 2 ep: 0.41'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.30371:0.75379]
unset logscale x
set format x '% h'
set xtics 0.2
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
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 7 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 7 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 0.25 ep: 0.29'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-11.80690515:-0.9995216675]
unset logscale x
set format x '% h'
set xtics 5
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
plot datafile index 8 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 9 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 9 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 0.5 ep: -0.14'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-9.838179595:-1.336916963]
unset logscale x
set format x '% h'
set xtics 2.5
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
plot datafile index 10 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 1 ep: 0.03'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-5.131406564:-0.6646625891]
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
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 13 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 13 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_best 2 ep: 0.30'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-1.679654367:-0.6324954132]
unset logscale x
set format x '% h'
set xtics 0.5
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
plot datafile index 14 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 15 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 15 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 0.25 ep: 0.29'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-11.80690515:-0.9995216675]
unset logscale x
set format x '% h'
set xtics 5
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
plot datafile index 16 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 17 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 17 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 0.5 ep: -0.14'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-9.838179595:-1.336916963]
unset logscale x
set format x '% h'
set xtics 2.5
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
plot datafile index 18 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 19 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 19 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 1 ep: 0.03'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-5.131406564:-0.6646625891]
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
plot datafile index 20 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 21 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 21 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'val_loss_last 2 ep: 0.33'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [-5.012117321:-0.3856463055]
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
plot datafile index 22 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 23 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 23 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'vote 0.25 ep: 0.34'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [1.68:20.82]
unset logscale x
set format x '% h'
set xtics 5
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
plot datafile index 24 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 25 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 25 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'vote 0.5 ep: -0.06'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [4.22:22.78]
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
plot datafile index 26 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 27 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 27 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'vote 1 ep: 0.15'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [2.4:25.6]
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
plot datafile index 28 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 29 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 29 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'vote 2 ep: 0.25'
set xtics autofreq
set ytics autofreq
set xlabel 'value'
set xrange [1.4:24.6]
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
plot datafile index 30 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture', \
     datafile index 31 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 31 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
unset multiplot
set output
