# linear, budget 1 (10%): tau-b = 0.128
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>
if (!exists("datafile")) datafile = 'scatter_linear_1ep.dat'
if (!exists("outfile")) outfile = 'scatter_linear_1ep.svg'
set terminal svg size 460,400 fixed noenhanced font 'sans-serif,11' background '#ffffff'
set output outfile
set encoding utf8
set title 'linear, budget 1 (10%): tau-b = 0.128'
set xlabel 'full-budget val. accuracy (fraction correct)'
set xrange [0.801475:0.868025]
set ylabel 'proxy val. accuracy (fraction correct)'
set yrange [0.4135375:0.7372125]
set grid lc rgb '#d0d0d0' lw 1
set key below Left reverse samplen 2.5 spacing 1.1
plot datafile index 0 using 1:2 with points pt 7 ps 0.7 lc rgb '#009e73' title 'architectures', \
     datafile index 1 using 1:2 with points pt 7 ps 0.9 lc rgb '#000000' title 'full-budget top 5'
set output
