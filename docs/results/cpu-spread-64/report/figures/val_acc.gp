# Validation accuracy during training, by schedule
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'val_acc.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'val_acc.svg' : 'val_acc' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 3720,3429 noenhanced font 'sans,17' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 12.4in,11.43in noenhanced font 'sans,12.24' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 1240,1143 fixed noenhanced font 'sans-serif,17' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 2,2 rowsfirst title 'Validation accuracy during training, by schedule' margins 0.0951,0.9561,0.1061,0.9227 spacing 0.0165,0.0456
set title 'const'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.7692307692:13]
set logscale x
set format x ''
set ylabel 'validation accuracy (fraction correct)'
set yrange [0.355972:0.892878]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.0307 center top vertical maxrows 1 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 7 ps 1.3 lc rgb '#f89540' title '1 ep (10%)', \
     datafile index 1 using 1:2 with lines lw 1.5 dt 1 lc rgb '#0d0887' notitle, \
     datafile index 2 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 5 ps 1.3 lc rgb '#0d0887' title '2 ep (20%)', \
     datafile index 3 using 1:2 with lines lw 1.5 dt 2 lc rgb '#000000' notitle, \
     datafile index 4 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 6 ps 1.3 lc rgb '#000000' title 'full budget (linear)'
set title 'cosine'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel ''
set xrange [0.7692307692:13]
set logscale x
set format x ''
set ylabel ''
set yrange [0.355972:0.892878]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 5 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 7 ps 1.3 lc rgb '#f89540' title '1 ep (10%)', \
     datafile index 6 using 1:2 with lines lw 1.5 dt 1 lc rgb '#0d0887' notitle, \
     datafile index 7 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 5 ps 1.3 lc rgb '#0d0887' title '2 ep (20%)', \
     datafile index 8 using 1:2 with lines lw 1.5 dt 2 lc rgb '#000000' notitle, \
     datafile index 9 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 6 ps 1.3 lc rgb '#000000' title 'full budget (linear)'
set title 'linear'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel 'epoch (log scale)'
set xrange [0.7692307692:13]
set logscale x
set format x "%g"
set ylabel 'validation accuracy (fraction correct)'
set yrange [0.355972:0.892878]
unset logscale y
set format y '% h'
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 10 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 7 ps 1.3 lc rgb '#f89540' title '1 ep (10%)', \
     datafile index 11 using 1:2 with lines lw 1.5 dt 1 lc rgb '#0d0887' notitle, \
     datafile index 12 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 5 ps 1.3 lc rgb '#0d0887' title '2 ep (20%)', \
     datafile index 13 using 1:2 with lines lw 1.5 dt 2 lc rgb '#000000' notitle, \
     datafile index 14 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 6 ps 1.3 lc rgb '#000000' title 'full budget (linear)'
set title 'step-d2'
set xtics (1, 2, 10)
set ytics autofreq
set xlabel 'epoch (log scale)'
set xrange [0.7692307692:13]
set logscale x
set format x "%g"
set ylabel ''
set yrange [0.355972:0.892878]
unset logscale y
set format y ''
set ytics 0.2
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
unset key
plot datafile index 15 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 7 ps 1.3 lc rgb '#f89540' title '1 ep (10%)', \
     datafile index 16 using 1:2 with lines lw 1.5 dt 1 lc rgb '#0d0887' notitle, \
     datafile index 17 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 5 ps 1.3 lc rgb '#0d0887' title '2 ep (20%)', \
     datafile index 18 using 1:2 with lines lw 1.5 dt 2 lc rgb '#000000' notitle, \
     datafile index 19 using 1:2:3:4 with yerrorbars lw 1.5 dt 1 pt 6 ps 1.3 lc rgb '#000000' title 'full budget (linear)'
unset multiplot
set output
