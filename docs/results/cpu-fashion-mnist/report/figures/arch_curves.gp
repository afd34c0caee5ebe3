# Each architecture's accuracy by budget, coloured by its full-budget rank
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'arch_curves.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'arch_curves.svg' : 'arch_curves' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 4680,3570 noenhanced font 'sans,21' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 15.6in,11.9in noenhanced font 'sans,15.12' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1560,1190 fixed noenhanced font 'sans-serif,21' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 2,3 rowsfirst title 'Each architecture''s accuracy by budget, coloured by its full-budget rank' margins 0.0933,0.9569,0.1259,0.9082 spacing 0.0162,0.0541
set title 'const'
set xtics (0.25, 0.5, 1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.1923076923:13]
set logscale x
set format x ''
set ylabel 'val. accuracy (fraction correct)'
set yrange [0.03151:0.92674]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0365 center top vertical maxrows 1 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a021)', \
     datafile index 1 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bcde28' notitle, \
     datafile index 2 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b0dc2f' notitle, \
     datafile index 3 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a3db37' notitle, \
     datafile index 4 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd544' notitle, \
     datafile index 5 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#73cd54' notitle, \
     datafile index 6 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#59c564' notitle, \
     datafile index 7 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#44bd70' notitle, \
     datafile index 8 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b378' notitle, \
     datafile index 9 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2aa980' notitle, \
     datafile index 10 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa087' notitle, \
     datafile index 11 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229589' notitle, \
     datafile index 12 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248b8c' notitle, \
     datafile index 13 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#27808e' notitle, \
     datafile index 14 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2b768e' notitle, \
     datafile index 15 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6b8d' notitle, \
     datafile index 16 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34618d' notitle, \
     datafile index 17 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#39558b' notitle, \
     datafile index 18 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3e4886' notitle, \
     datafile index 19 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#433b82' notitle, \
     datafile index 20 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462e7b' notitle, \
     datafile index 21 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451f6e' notitle, \
     datafile index 22 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451061' notitle, \
     datafile index 23 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a008)'
set title 'cosine'
set xtics (0.25, 0.5, 1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.1923076923:13]
set logscale x
set format x ''
set ylabel ''
set yrange [0.03151:0.92674]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 24 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a021)', \
     datafile index 25 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bcde28' notitle, \
     datafile index 26 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b0dc2f' notitle, \
     datafile index 27 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a3db37' notitle, \
     datafile index 28 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd544' notitle, \
     datafile index 29 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#73cd54' notitle, \
     datafile index 30 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#59c564' notitle, \
     datafile index 31 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#44bd70' notitle, \
     datafile index 32 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b378' notitle, \
     datafile index 33 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2aa980' notitle, \
     datafile index 34 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa087' notitle, \
     datafile index 35 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229589' notitle, \
     datafile index 36 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248b8c' notitle, \
     datafile index 37 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#27808e' notitle, \
     datafile index 38 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2b768e' notitle, \
     datafile index 39 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6b8d' notitle, \
     datafile index 40 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34618d' notitle, \
     datafile index 41 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#39558b' notitle, \
     datafile index 42 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3e4886' notitle, \
     datafile index 43 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#433b82' notitle, \
     datafile index 44 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462e7b' notitle, \
     datafile index 45 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451f6e' notitle, \
     datafile index 46 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451061' notitle, \
     datafile index 47 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a008)'
set title 'linear'
set xtics (0.25, 0.5, 1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.1923076923:13]
set logscale x
set format x "%g"
set ylabel ''
set yrange [0.03151:0.92674]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 48 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a021)', \
     datafile index 49 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bcde28' notitle, \
     datafile index 50 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b0dc2f' notitle, \
     datafile index 51 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a3db37' notitle, \
     datafile index 52 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd544' notitle, \
     datafile index 53 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#73cd54' notitle, \
     datafile index 54 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#59c564' notitle, \
     datafile index 55 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#44bd70' notitle, \
     datafile index 56 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b378' notitle, \
     datafile index 57 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2aa980' notitle, \
     datafile index 58 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa087' notitle, \
     datafile index 59 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229589' notitle, \
     datafile index 60 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248b8c' notitle, \
     datafile index 61 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#27808e' notitle, \
     datafile index 62 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2b768e' notitle, \
     datafile index 63 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6b8d' notitle, \
     datafile index 64 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34618d' notitle, \
     datafile index 65 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#39558b' notitle, \
     datafile index 66 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3e4886' notitle, \
     datafile index 67 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#433b82' notitle, \
     datafile index 68 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462e7b' notitle, \
     datafile index 69 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451f6e' notitle, \
     datafile index 70 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451061' notitle, \
     datafile index 71 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a008)'
set title 'step-d2'
set xtics (0.25, 0.5, 1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.1923076923:13]
set logscale x
set format x "%g"
set ylabel 'val. accuracy (fraction correct)'
set yrange [0.03151:0.92674]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 72 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a021)', \
     datafile index 73 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bcde28' notitle, \
     datafile index 74 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b0dc2f' notitle, \
     datafile index 75 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a3db37' notitle, \
     datafile index 76 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd544' notitle, \
     datafile index 77 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#73cd54' notitle, \
     datafile index 78 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#59c564' notitle, \
     datafile index 79 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#44bd70' notitle, \
     datafile index 80 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b378' notitle, \
     datafile index 81 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2aa980' notitle, \
     datafile index 82 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa087' notitle, \
     datafile index 83 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229589' notitle, \
     datafile index 84 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248b8c' notitle, \
     datafile index 85 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#27808e' notitle, \
     datafile index 86 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2b768e' notitle, \
     datafile index 87 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6b8d' notitle, \
     datafile index 88 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34618d' notitle, \
     datafile index 89 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#39558b' notitle, \
     datafile index 90 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3e4886' notitle, \
     datafile index 91 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#433b82' notitle, \
     datafile index 92 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462e7b' notitle, \
     datafile index 93 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451f6e' notitle, \
     datafile index 94 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451061' notitle, \
     datafile index 95 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a008)'
set title 'full budget (linear), by epoch'
set xtics (0.25, 0.5, 1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.1923076923:13]
set logscale x
set format x "%g"
set ylabel ''
set yrange [0.03151:0.92674]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 96 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a021)', \
     datafile index 97 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bcde28' notitle, \
     datafile index 98 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b0dc2f' notitle, \
     datafile index 99 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a3db37' notitle, \
     datafile index 100 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd544' notitle, \
     datafile index 101 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#73cd54' notitle, \
     datafile index 102 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#59c564' notitle, \
     datafile index 103 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#44bd70' notitle, \
     datafile index 104 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b378' notitle, \
     datafile index 105 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2aa980' notitle, \
     datafile index 106 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa087' notitle, \
     datafile index 107 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229589' notitle, \
     datafile index 108 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248b8c' notitle, \
     datafile index 109 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#27808e' notitle, \
     datafile index 110 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2b768e' notitle, \
     datafile index 111 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6b8d' notitle, \
     datafile index 112 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34618d' notitle, \
     datafile index 113 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#39558b' notitle, \
     datafile index 114 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3e4886' notitle, \
     datafile index 115 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#433b82' notitle, \
     datafile index 116 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462e7b' notitle, \
     datafile index 117 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451f6e' notitle, \
     datafile index 118 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451061' notitle, \
     datafile index 119 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a008)'
unset multiplot
set output
