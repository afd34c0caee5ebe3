# Proxy against full-budget accuracy, by schedule and budget
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'scatter.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'scatter.svg' : 'scatter' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 5400,5760 noenhanced font 'sans,24' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 18in,19.2in noenhanced font 'sans,17.28' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1800,1920 fixed noenhanced font 'sans-serif,24' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 4,4 rowsfirst title 'Proxy against full-budget accuracy, by schedule and budget' margins 0.0924,0.9573,0.1308,0.9350 spacing 0.0160,0.0383
set title 'const, 0.25 ep: 0.33'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.07273:0.37027]
unset logscale x
set format x ''
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
set key at screen 0.5,0.0675 center top vertical maxrows 3 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 1 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 2 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 2 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'const, 0.5 ep: -0.11'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.19051:0.65074]
unset logscale x
set format x ''
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
plot datafile index 3 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 4 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 5 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 5 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'const, 1 ep: 0.11'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.40471:0.74604]
unset logscale x
set format x ''
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
plot datafile index 6 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 7 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 8 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 8 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'const, 2 ep: 0.30'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.51656:0.78394]
unset logscale x
set format x ''
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
plot datafile index 9 using 1:2 with points pt 7 ps 1 lc rgb '#0072b2' title 'architecture (colour of its schedule)', \
     datafile index 10 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 11 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 11 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 0.25 ep: 0.04'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.07273:0.37027]
unset logscale x
set format x ''
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
unset key
plot datafile index 12 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 13 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 14 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 14 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 0.5 ep: 0.08'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.19051:0.65074]
unset logscale x
set format x ''
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
plot datafile index 15 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 16 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 17 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 17 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 1 ep: 0.26'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.40471:0.74604]
unset logscale x
set format x ''
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
plot datafile index 18 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 19 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 20 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 20 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'cosine, 2 ep: 0.11'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.51656:0.78394]
unset logscale x
set format x ''
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
plot datafile index 21 using 1:2 with points pt 7 ps 1 lc rgb '#d55e00' title 'architecture (colour of its schedule)', \
     datafile index 22 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 23 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 23 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 0.25 ep: 0.00'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.07273:0.37027]
unset logscale x
set format x ''
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
unset key
plot datafile index 24 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 25 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 26 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 26 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 0.5 ep: 0.04'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.19051:0.65074]
unset logscale x
set format x ''
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
plot datafile index 27 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 28 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 29 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 29 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 1 ep: 0.13'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.40471:0.74604]
unset logscale x
set format x ''
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
plot datafile index 30 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 31 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 32 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 32 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'linear, 2 ep: 0.17'
set xtics autofreq
set ytics autofreq
set xlabel ''
set xrange [0.51656:0.78394]
unset logscale x
set format x ''
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
plot datafile index 33 using 1:2 with points pt 7 ps 1 lc rgb '#009e73' title 'architecture (colour of its schedule)', \
     datafile index 34 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 35 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 35 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 0.25 ep: 0.12'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.07273:0.37027]
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
unset key
plot datafile index 36 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 37 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 38 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 38 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 0.5 ep: 0.03'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.19051:0.65074]
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
plot datafile index 39 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 40 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 41 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 41 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 1 ep: 0.03'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.40471:0.74604]
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
plot datafile index 42 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 43 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 44 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 44 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
set title 'step-d2, 2 ep: 0.11'
set xtics autofreq
set ytics autofreq
set xlabel 'proxy val. accuracy'
set xrange [0.51656:0.78394]
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
plot datafile index 45 using 1:2 with points pt 7 ps 1 lc rgb '#cc79a7' title 'architecture (colour of its schedule)', \
     datafile index 46 using 1:2 with points pt 5 ps 0.9 lc rgb '#000000' title 'full-budget top 5', \
     datafile index 47 using 1:2 with points pt 6 ps 2.4 lc rgb '#000000' title 'most influential architecture (leave one out)', \
     datafile index 47 using 1:2:3 with labels left offset char 0.6,0.5 tc rgb '#000000' notitle
unset multiplot
set output
