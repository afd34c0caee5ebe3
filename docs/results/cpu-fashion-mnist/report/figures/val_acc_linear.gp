# Validation accuracy during training, linear
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>
if (!exists("datafile")) datafile = 'val_acc_linear.dat'
if (!exists("outfile")) outfile = 'val_acc_linear.svg'
set terminal svg size 860,520 fixed noenhanced font 'sans-serif,13' background '#ffffff'
set output outfile
set encoding utf8
set title 'Validation accuracy during training, linear'
set xlabel 'epoch (log scale)'
set xrange [0.2173913043:11.5]
set logscale x
set format x "%g"
set xtics (0.25, 0.5, 1, 2, 10)
set ylabel 'validation accuracy (fraction correct)'
set yrange [*:*]
set grid lc rgb '#d0d0d0' lw 1
set key bottom right Left reverse opaque box lc rgb '#bbbbbb' samplen 2.5 spacing 1.1
plot datafile index 0 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.5 lc rgb '#f48849' title '0.25 ep (2.5%)', \
     datafile index 1 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.5 lc rgb '#b83289' title '0.5 ep (5%)', \
     datafile index 2 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.5 lc rgb '#8b0aa5' title '1 ep (10%)', \
     datafile index 3 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#0d0887' notitle, \
     datafile index 4 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 0.5 lc rgb '#0d0887' title '2 ep (20%)', \
     datafile index 5 using 1:3:4 with filledcurves fill transparent solid 0.15 noborder lc rgb '#000000' notitle, \
     datafile index 6 using 1:2 with linespoints lw 2 dt 3 pt 7 ps 0.5 lc rgb '#000000' title 'full budget (linear)'
set output
