#!/usr/bin/env bash
# Draws the app icon (a blue database cylinder on a dark rounded square) with
# ImageMagick 6 or 7, at 1024 px and scaled down so the edges are smooth, then
# writes the sizes the installers and the window use. Run from anywhere:
#   bash assets/icons/draw-icon.sh
set -euo pipefail
cd "$(dirname "$0")"
im=convert
command -v magick >/dev/null && im=magick

blue='#0c7bdc'      # the app's accent blue: the cylinder's body
top='#5fb0f2'       # lighter blue: the cylinder's lid, lit from above
dark='#151a22'      # the square behind it, and the gaps between the disks

# Three stacked disks, drawn bottom up; each disk first paints a dark band
# (the gap) over the top of the one below it.
$im -size 1024x1024 xc:none \
    -fill "$dark" -draw "roundrectangle 40,40 984,984 190,190" \
    -fill "$blue" -draw "rectangle 262,583 762,724" -draw "ellipse 512,724 250,90 0,360" \
    -fill "$dark" -draw "rectangle 262,583 762,609" -draw "ellipse 512,609 250,90 0,360" \
    -fill "$blue" -draw "rectangle 262,442 762,583" -draw "ellipse 512,583 250,90 0,360" \
    -fill "$dark" -draw "rectangle 262,442 762,468" -draw "ellipse 512,468 250,90 0,360" \
    -fill "$blue" -draw "rectangle 262,300 762,442" -draw "ellipse 512,442 250,90 0,360" \
    -fill "$top" -draw "ellipse 512,300 250,90 0,360" \
    icon-1024.png

# Without the date chunks, drawing again gives the same bytes.
for size in 32 128 256 512; do
    $im icon-1024.png -filter Lanczos -resize "${size}x${size}" -depth 8 -define png:exclude-chunks=date,time "PNG32:icon-${size}.png"
done
# Windows installers (NSIS, WiX) want an .ico; the .app and .dmg icon (.icns)
# is made from the PNGs by cargo-packager itself.
$im icon-256.png -define icon:auto-resize=256,128,64,48,32,16 -depth 8 icon.ico
rm icon-1024.png
