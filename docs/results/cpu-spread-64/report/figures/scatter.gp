# Proxy against full-budget accuracy, by schedule and budget
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'scatter.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'scatter.svg' : 'scatter' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 2700,5310 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 9in,17.7in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 900,1770 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 4,2 rowsfirst title 'Proxy against full-budget accuracy, by schedule and budget' margins 0.1156,0.9467,0.0887,0.9559 spacing 0.0200,0.0260
set title 'const, 1 ep: 0.16'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.080904:0.795696]
unset logscale x
set format x ''
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
set key at screen 0.5,0.0458 center top vertical maxrows 3 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 1 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 2 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 2 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'const, 2 ep: 0.29'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.308072:0.820328]
unset logscale x
set format x ''
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
plot datafile index 3 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 4 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 1 ep: 0.52'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.080904:0.795696]
unset logscale x
set format x ''
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
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 7 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 8 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 8 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 2 ep: 0.54'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.308072:0.820328]
unset logscale x
set format x ''
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
plot datafile index 9 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 10 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 1 ep: 0.54'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.080904:0.795696]
unset logscale x
set format x ''
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
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 13 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 14 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 14 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 2 ep: 0.51'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.308072:0.820328]
unset logscale x
set format x ''
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
plot datafile index 15 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 16 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 17 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 17 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 1 ep: 0.46'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.080904:0.795696]
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
plot datafile index 18 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 19 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 20 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 20 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 2 ep: 0.53'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.308072:0.820328]
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
plot datafile index 21 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 22 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 7', \
     datafile index 23 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 23 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
unset multiplot
set output
