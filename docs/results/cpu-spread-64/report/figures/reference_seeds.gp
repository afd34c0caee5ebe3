# Full-budget accuracy of one reference seed against another
# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;
# gnuplot -e "term='png'" <this file> for the PNG (300 dpi), term='pdf' for the PDF.
if (!exists("datafile")) datafile = 'reference_seeds.dat'
if (!exists("term")) term = 'svg'
if (!exists("outfile")) outfile = (term eq 'svg') ? 'reference_seeds.svg' : 'reference_seeds' . '.' . term
if (term eq 'png') {
  set terminal pngcairo size 1500,2190 noenhanced font 'sans,15' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'
} else {
  if (term eq 'pdf') {
    set terminal pdfcairo size 5in,7.3in noenhanced font 'sans,10.8' linewidth 1.44 pointscale 1 background '#ffffff'
  } else {
    set terminal svg size 500,730 fixed noenhanced font 'sans-serif,15' background '#ffffff'
  }
}
set output outfile
set encoding utf8
set multiplot layout 1,1 rowsfirst title 'Full-budget accuracy of one reference seed against another' margins 0.2080,0.9040,0.2151,0.8932 spacing 0.0360,0.0630
set title 'seed 2 against seed 1: τ-b 0.54'
set xtics autofreq
set ytics autofreq
set xlabel 'accuracy, seed 1'
set xrange [0.69744:0.89116]
unset logscale x
set format x '% h'
set xtics 0.05
set ylabel 'accuracy, seed 2'
set yrange [0.69744:0.89116]
unset logscale y
set format y '% h'
set ytics 0.05
set ytics mirror
unset y2tics
unset y2label
set grid lc rgb '#d0d0d0' lw 1
set key at screen 0.5,0.1110 center top vertical maxrows 3 Left reverse samplen 2.5 spacing 1.1 nobox noopaque
plot datafile index 0 using 1:2 with lines lw 1.2 dt 2 lc rgb '#999999' title 'equal accuracy', \
     datafile index 1 using 1:2 with points pt 7 ps 1 lc rgb '#000000' title 'architecture', \
     datafile index 2 using 1:2 with points pt 6 ps 2.4 lc rgb '#d55e00' title 'largest difference between the seeds', \
     datafile index 2 using 1:2:3 with labels right offset char -0.6,0.5 tc rgb '#d55e00' notitle
unset multiplot
set output
