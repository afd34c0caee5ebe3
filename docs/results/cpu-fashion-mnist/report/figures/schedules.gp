# Learning-rate schedules by training progress
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>
if (!exists("datafile")) datafile = 'schedules.dat'
if (!exists("outfile")) outfile = 'schedules.svg'
set terminal svg size 900,500 fixed noenhanced font 'sans-serif,13' background '#ffffff'
set output outfile
set encoding utf8
set title 'Learning-rate schedules by training progress'
set xlabel 'training progress p = t/T (fraction of the budget)'
set xrange [0:1]
set ylabel 'learning-rate ratio lr/lr0'
set yrange [0:1.05]
set grid lc rgb '#d0d0d0' lw 1
set key outside right top Left reverse opaque box lc rgb '#bbbbbb' samplen 2.5 spacing 1.1
plot datafile index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#0072b2' title 'const', \
     datafile index 1 using 1:2 with lines lw 2 dt 1 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#d55e00' title 'cosine', \
     datafile index 3 using 1:2 with lines lw 2 dt 1 lc rgb '#009e73' title 'linear'
set output
