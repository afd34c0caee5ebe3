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
set xtics (1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.7692307692:13]
set logscale x
set format x ''
set ylabel 'val. accuracy (fraction correct)'
set yrange [0.070928:0.930372]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0365 center top vertical maxrows 1 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a029)', \
     datafile index 1 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c4df23' notitle, \
     datafile index 2 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bfdf26' notitle, \
     datafile index 3 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bbde28' notitle, \
     datafile index 4 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b6dd2b' notitle, \
     datafile index 5 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b2dd2e' notitle, \
     datafile index 6 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#addc31' notitle, \
     datafile index 7 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a9db33' notitle, \
     datafile index 8 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a4db36' notitle, \
     datafile index 9 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a0da39' notitle, \
     datafile index 10 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#96d73f' notitle, \
     datafile index 11 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd445' notitle, \
     datafile index 12 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#83d24a' notitle, \
     datafile index 13 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#7acf50' notitle, \
     datafile index 14 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#70cc56' notitle, \
     datafile index 15 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#67c95c' notitle, \
     datafile index 16 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#5dc761' notitle, \
     datafile index 17 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#54c467' notitle, \
     datafile index 18 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#4ac16d' notitle, \
     datafile index 19 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#45bd70' notitle, \
     datafile index 20 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#40ba73' notitle, \
     datafile index 21 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3cb676' notitle, \
     datafile index 22 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b379' notitle, \
     datafile index 23 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#32af7b' notitle, \
     datafile index 24 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2dac7e' notitle, \
     datafile index 25 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#29a881' notitle, \
     datafile index 26 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#24a584' notitle, \
     datafile index 27 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa187' notitle, \
     datafile index 28 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#209d88' notitle, \
     datafile index 29 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#219989' notitle, \
     datafile index 30 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229689' notitle, \
     datafile index 31 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#23928a' notitle, \
     datafile index 32 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#238e8b' notitle, \
     datafile index 33 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248a8c' notitle, \
     datafile index 34 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#25878c' notitle, \
     datafile index 35 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#26838d' notitle, \
     datafile index 36 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#277f8e' notitle, \
     datafile index 37 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#297b8e' notitle, \
     datafile index 38 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2a778e' notitle, \
     datafile index 39 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2c738e' notitle, \
     datafile index 40 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2e6f8e' notitle, \
     datafile index 41 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6c8d' notitle, \
     datafile index 42 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#31688d' notitle, \
     datafile index 43 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#33648d' notitle, \
     datafile index 44 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34608d' notitle, \
     datafile index 45 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#365c8d' notitle, \
     datafile index 46 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#38578b' notitle, \
     datafile index 47 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3a538a' notitle, \
     datafile index 48 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3b4e88' notitle, \
     datafile index 49 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3d4987' notitle, \
     datafile index 50 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3f4585' notitle, \
     datafile index 51 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#414084' notitle, \
     datafile index 52 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#423b82' notitle, \
     datafile index 53 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#443781' notitle, \
     datafile index 54 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#46327f' notitle, \
     datafile index 55 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462d7a' notitle, \
     datafile index 56 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462775' notitle, \
     datafile index 57 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#452271' notitle, \
     datafile index 58 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451c6c' notitle, \
     datafile index 59 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451767' notitle, \
     datafile index 60 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451162' notitle, \
     datafile index 61 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440c5e' notitle, \
     datafile index 62 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440659' notitle, \
     datafile index 63 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a015)'
set title 'cosine'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.7692307692:13]
set logscale x
set format x ''
set ylabel ''
set yrange [0.070928:0.930372]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 64 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a029)', \
     datafile index 65 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c4df23' notitle, \
     datafile index 66 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bfdf26' notitle, \
     datafile index 67 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bbde28' notitle, \
     datafile index 68 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b6dd2b' notitle, \
     datafile index 69 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b2dd2e' notitle, \
     datafile index 70 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#addc31' notitle, \
     datafile index 71 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a9db33' notitle, \
     datafile index 72 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a4db36' notitle, \
     datafile index 73 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a0da39' notitle, \
     datafile index 74 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#96d73f' notitle, \
     datafile index 75 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd445' notitle, \
     datafile index 76 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#83d24a' notitle, \
     datafile index 77 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#7acf50' notitle, \
     datafile index 78 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#70cc56' notitle, \
     datafile index 79 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#67c95c' notitle, \
     datafile index 80 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#5dc761' notitle, \
     datafile index 81 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#54c467' notitle, \
     datafile index 82 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#4ac16d' notitle, \
     datafile index 83 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#45bd70' notitle, \
     datafile index 84 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#40ba73' notitle, \
     datafile index 85 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3cb676' notitle, \
     datafile index 86 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b379' notitle, \
     datafile index 87 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#32af7b' notitle, \
     datafile index 88 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2dac7e' notitle, \
     datafile index 89 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#29a881' notitle, \
     datafile index 90 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#24a584' notitle, \
     datafile index 91 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa187' notitle, \
     datafile index 92 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#209d88' notitle, \
     datafile index 93 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#219989' notitle, \
     datafile index 94 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229689' notitle, \
     datafile index 95 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#23928a' notitle, \
     datafile index 96 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#238e8b' notitle, \
     datafile index 97 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248a8c' notitle, \
     datafile index 98 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#25878c' notitle, \
     datafile index 99 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#26838d' notitle, \
     datafile index 100 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#277f8e' notitle, \
     datafile index 101 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#297b8e' notitle, \
     datafile index 102 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2a778e' notitle, \
     datafile index 103 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2c738e' notitle, \
     datafile index 104 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2e6f8e' notitle, \
     datafile index 105 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6c8d' notitle, \
     datafile index 106 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#31688d' notitle, \
     datafile index 107 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#33648d' notitle, \
     datafile index 108 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34608d' notitle, \
     datafile index 109 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#365c8d' notitle, \
     datafile index 110 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#38578b' notitle, \
     datafile index 111 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3a538a' notitle, \
     datafile index 112 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3b4e88' notitle, \
     datafile index 113 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3d4987' notitle, \
     datafile index 114 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3f4585' notitle, \
     datafile index 115 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#414084' notitle, \
     datafile index 116 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#423b82' notitle, \
     datafile index 117 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#443781' notitle, \
     datafile index 118 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#46327f' notitle, \
     datafile index 119 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462d7a' notitle, \
     datafile index 120 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462775' notitle, \
     datafile index 121 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#452271' notitle, \
     datafile index 122 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451c6c' notitle, \
     datafile index 123 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451767' notitle, \
     datafile index 124 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451162' notitle, \
     datafile index 125 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440c5e' notitle, \
     datafile index 126 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440659' notitle, \
     datafile index 127 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a015)'
set title 'linear'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.7692307692:13]
set logscale x
set format x "%g"
set ylabel ''
set yrange [0.070928:0.930372]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 128 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a029)', \
     datafile index 129 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c4df23' notitle, \
     datafile index 130 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bfdf26' notitle, \
     datafile index 131 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bbde28' notitle, \
     datafile index 132 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b6dd2b' notitle, \
     datafile index 133 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b2dd2e' notitle, \
     datafile index 134 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#addc31' notitle, \
     datafile index 135 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a9db33' notitle, \
     datafile index 136 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a4db36' notitle, \
     datafile index 137 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a0da39' notitle, \
     datafile index 138 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#96d73f' notitle, \
     datafile index 139 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd445' notitle, \
     datafile index 140 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#83d24a' notitle, \
     datafile index 141 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#7acf50' notitle, \
     datafile index 142 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#70cc56' notitle, \
     datafile index 143 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#67c95c' notitle, \
     datafile index 144 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#5dc761' notitle, \
     datafile index 145 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#54c467' notitle, \
     datafile index 146 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#4ac16d' notitle, \
     datafile index 147 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#45bd70' notitle, \
     datafile index 148 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#40ba73' notitle, \
     datafile index 149 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3cb676' notitle, \
     datafile index 150 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b379' notitle, \
     datafile index 151 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#32af7b' notitle, \
     datafile index 152 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2dac7e' notitle, \
     datafile index 153 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#29a881' notitle, \
     datafile index 154 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#24a584' notitle, \
     datafile index 155 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa187' notitle, \
     datafile index 156 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#209d88' notitle, \
     datafile index 157 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#219989' notitle, \
     datafile index 158 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229689' notitle, \
     datafile index 159 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#23928a' notitle, \
     datafile index 160 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#238e8b' notitle, \
     datafile index 161 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248a8c' notitle, \
     datafile index 162 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#25878c' notitle, \
     datafile index 163 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#26838d' notitle, \
     datafile index 164 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#277f8e' notitle, \
     datafile index 165 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#297b8e' notitle, \
     datafile index 166 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2a778e' notitle, \
     datafile index 167 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2c738e' notitle, \
     datafile index 168 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2e6f8e' notitle, \
     datafile index 169 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6c8d' notitle, \
     datafile index 170 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#31688d' notitle, \
     datafile index 171 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#33648d' notitle, \
     datafile index 172 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34608d' notitle, \
     datafile index 173 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#365c8d' notitle, \
     datafile index 174 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#38578b' notitle, \
     datafile index 175 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3a538a' notitle, \
     datafile index 176 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3b4e88' notitle, \
     datafile index 177 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3d4987' notitle, \
     datafile index 178 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3f4585' notitle, \
     datafile index 179 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#414084' notitle, \
     datafile index 180 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#423b82' notitle, \
     datafile index 181 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#443781' notitle, \
     datafile index 182 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#46327f' notitle, \
     datafile index 183 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462d7a' notitle, \
     datafile index 184 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462775' notitle, \
     datafile index 185 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#452271' notitle, \
     datafile index 186 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451c6c' notitle, \
     datafile index 187 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451767' notitle, \
     datafile index 188 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451162' notitle, \
     datafile index 189 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440c5e' notitle, \
     datafile index 190 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440659' notitle, \
     datafile index 191 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a015)'
set title 'step-d2'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.7692307692:13]
set logscale x
set format x "%g"
set ylabel 'val. accuracy (fraction correct)'
set yrange [0.070928:0.930372]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 192 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a029)', \
     datafile index 193 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c4df23' notitle, \
     datafile index 194 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bfdf26' notitle, \
     datafile index 195 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bbde28' notitle, \
     datafile index 196 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b6dd2b' notitle, \
     datafile index 197 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b2dd2e' notitle, \
     datafile index 198 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#addc31' notitle, \
     datafile index 199 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a9db33' notitle, \
     datafile index 200 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a4db36' notitle, \
     datafile index 201 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a0da39' notitle, \
     datafile index 202 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#96d73f' notitle, \
     datafile index 203 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd445' notitle, \
     datafile index 204 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#83d24a' notitle, \
     datafile index 205 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#7acf50' notitle, \
     datafile index 206 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#70cc56' notitle, \
     datafile index 207 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#67c95c' notitle, \
     datafile index 208 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#5dc761' notitle, \
     datafile index 209 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#54c467' notitle, \
     datafile index 210 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#4ac16d' notitle, \
     datafile index 211 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#45bd70' notitle, \
     datafile index 212 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#40ba73' notitle, \
     datafile index 213 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3cb676' notitle, \
     datafile index 214 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b379' notitle, \
     datafile index 215 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#32af7b' notitle, \
     datafile index 216 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2dac7e' notitle, \
     datafile index 217 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#29a881' notitle, \
     datafile index 218 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#24a584' notitle, \
     datafile index 219 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa187' notitle, \
     datafile index 220 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#209d88' notitle, \
     datafile index 221 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#219989' notitle, \
     datafile index 222 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229689' notitle, \
     datafile index 223 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#23928a' notitle, \
     datafile index 224 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#238e8b' notitle, \
     datafile index 225 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248a8c' notitle, \
     datafile index 226 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#25878c' notitle, \
     datafile index 227 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#26838d' notitle, \
     datafile index 228 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#277f8e' notitle, \
     datafile index 229 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#297b8e' notitle, \
     datafile index 230 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2a778e' notitle, \
     datafile index 231 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2c738e' notitle, \
     datafile index 232 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2e6f8e' notitle, \
     datafile index 233 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6c8d' notitle, \
     datafile index 234 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#31688d' notitle, \
     datafile index 235 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#33648d' notitle, \
     datafile index 236 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34608d' notitle, \
     datafile index 237 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#365c8d' notitle, \
     datafile index 238 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#38578b' notitle, \
     datafile index 239 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3a538a' notitle, \
     datafile index 240 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3b4e88' notitle, \
     datafile index 241 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3d4987' notitle, \
     datafile index 242 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3f4585' notitle, \
     datafile index 243 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#414084' notitle, \
     datafile index 244 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#423b82' notitle, \
     datafile index 245 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#443781' notitle, \
     datafile index 246 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#46327f' notitle, \
     datafile index 247 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462d7a' notitle, \
     datafile index 248 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462775' notitle, \
     datafile index 249 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#452271' notitle, \
     datafile index 250 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451c6c' notitle, \
     datafile index 251 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451767' notitle, \
     datafile index 252 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451162' notitle, \
     datafile index 253 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440c5e' notitle, \
     datafile index 254 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440659' notitle, \
     datafile index 255 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a015)'
set title 'full budget (linear), by epoch'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel 'budget or epoch (log scale)'
set xrange [0.7692307692:13]
set logscale x
set format x "%g"
set ylabel ''
set yrange [0.070928:0.930372]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 256 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c8e020' title 'worst at full budget (a029)', \
     datafile index 257 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#c4df23' notitle, \
     datafile index 258 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bfdf26' notitle, \
     datafile index 259 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#bbde28' notitle, \
     datafile index 260 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b6dd2b' notitle, \
     datafile index 261 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#b2dd2e' notitle, \
     datafile index 262 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#addc31' notitle, \
     datafile index 263 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a9db33' notitle, \
     datafile index 264 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a4db36' notitle, \
     datafile index 265 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#a0da39' notitle, \
     datafile index 266 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#96d73f' notitle, \
     datafile index 267 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#8dd445' notitle, \
     datafile index 268 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#83d24a' notitle, \
     datafile index 269 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#7acf50' notitle, \
     datafile index 270 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#70cc56' notitle, \
     datafile index 271 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#67c95c' notitle, \
     datafile index 272 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#5dc761' notitle, \
     datafile index 273 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#54c467' notitle, \
     datafile index 274 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#4ac16d' notitle, \
     datafile index 275 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#45bd70' notitle, \
     datafile index 276 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#40ba73' notitle, \
     datafile index 277 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3cb676' notitle, \
     datafile index 278 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#37b379' notitle, \
     datafile index 279 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#32af7b' notitle, \
     datafile index 280 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2dac7e' notitle, \
     datafile index 281 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#29a881' notitle, \
     datafile index 282 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#24a584' notitle, \
     datafile index 283 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#1fa187' notitle, \
     datafile index 284 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#209d88' notitle, \
     datafile index 285 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#219989' notitle, \
     datafile index 286 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#229689' notitle, \
     datafile index 287 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#23928a' notitle, \
     datafile index 288 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#238e8b' notitle, \
     datafile index 289 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#248a8c' notitle, \
     datafile index 290 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#25878c' notitle, \
     datafile index 291 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#26838d' notitle, \
     datafile index 292 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#277f8e' notitle, \
     datafile index 293 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#297b8e' notitle, \
     datafile index 294 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2a778e' notitle, \
     datafile index 295 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2c738e' notitle, \
     datafile index 296 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2e6f8e' notitle, \
     datafile index 297 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#2f6c8d' notitle, \
     datafile index 298 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#31688d' notitle, \
     datafile index 299 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#33648d' notitle, \
     datafile index 300 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#34608d' notitle, \
     datafile index 301 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#365c8d' notitle, \
     datafile index 302 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#38578b' notitle, \
     datafile index 303 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3a538a' notitle, \
     datafile index 304 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3b4e88' notitle, \
     datafile index 305 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3d4987' notitle, \
     datafile index 306 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#3f4585' notitle, \
     datafile index 307 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#414084' notitle, \
     datafile index 308 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#423b82' notitle, \
     datafile index 309 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#443781' notitle, \
     datafile index 310 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#46327f' notitle, \
     datafile index 311 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462d7a' notitle, \
     datafile index 312 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#462775' notitle, \
     datafile index 313 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#452271' notitle, \
     datafile index 314 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451c6c' notitle, \
     datafile index 315 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451767' notitle, \
     datafile index 316 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#451162' notitle, \
     datafile index 317 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440c5e' notitle, \
     datafile index 318 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440659' notitle, \
     datafile index 319 using 1:2 with linespoints lw 1.3 dt 1 pt 7 ps 0.6 lc rgb '#440154' title 'best at full budget (a015)'
unset multiplot
set output
