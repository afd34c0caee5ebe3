# Learning-rate schedules by training progress
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'schedules.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'schedules.svg' : 'schedules' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 2580,1440 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 8.6in,4.8in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 860,480 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set title 'Learning-rate schedules by training progress'
set xtics autofreq
set ytics autofreq
set xlabel 'training progress p = t/T (fraction of the budget)'
set xrange [0:1]
unset logscale x
set format x '% h'
set ylabel 'learning-rate ratio lr/lr0'
set yrange [0:1.08]
unset logscale y
set format y '% h'
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key outside right top Left reverse opaque box lc rgb '#bbbbbb' samplen 2.5 spacing 1.1
plot datafile index 0 using 1:2 with lines lw 2.5 dt 1 lc rgb '#0072b2' title 'const', \
     datafile index 1 using 1:2 with lines lw 2.5 dt 2 lc rgb '#cc79a7' title 'step-d2', \
     datafile index 2 using 1:2 with lines lw 2.5 dt 3 lc rgb '#d55e00' title 'cosine', \
     datafile index 3 using 1:2 with lines lw 2.5 dt 4 lc rgb '#009e73' title 'linear'
set output
