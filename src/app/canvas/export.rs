//! "Save preview as PNG…": the device's part of a screenshot, written so
//! that a failed save never leaves a half-written file behind.

use std::io::Write;
use std::path::Path;

use egui::{ColorImage, Rect};
use image::RgbaImage;

/// The pixels of `rect` (in points) out of a screenshot taken at
/// `pixels_per_point`; None when the rectangle is not on the screenshot.
pub fn crop(shot: &ColorImage, rect: Rect, pixels_per_point: f32) -> Option<RgbaImage> {
    let [sw, sh] = shot.size;
    let x0 = (rect.min.x * pixels_per_point).round().max(0.0) as usize;
    let y0 = (rect.min.y * pixels_per_point).round().max(0.0) as usize;
    // The width from the size, not from the rounded right edge, so a device
    // N points wide always gives N × pixels_per_point pixels.
    let w = ((rect.width() * pixels_per_point).round() as usize).min(sw.saturating_sub(x0));
    let h = ((rect.height() * pixels_per_point).round() as usize).min(sh.saturating_sub(y0));
    if w == 0 || h == 0 {
        return None;
    }
    let mut out = RgbaImage::new(w as u32, h as u32);
    for (x, y, px) in out.enumerate_pixels_mut() {
        let c = shot.pixels[(y0 + y as usize) * sw + x0 + x as usize];
        *px = image::Rgba(c.to_srgba_unmultiplied());
    }
    Some(out)
}

/// Writes `image` as a PNG at `path` through a temporary file in the same
/// folder, renamed into place once complete.
pub fn write_png(image: &RgbaImage, path: &Path) -> Result<(), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)
            .map_err(|e| format!("the folder {} can't be written to ({e})", folder.display()))?;
        let mut bytes = Vec::new();
        image
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .map_err(|e| format!("the image could not be encoded ({e})"))?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("writing {} failed ({e})", temp.display()))?;
        std::fs::rename(&temp, path)
            .map_err(|e| format!("{} could not be replaced ({e})", path.display()))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn crops_the_rectangle_at_the_pixel_density() {
        let mut shot = ColorImage::filled([40, 30], Color32::BLACK);
        shot.pixels[(6 * 40) + 4] = Color32::RED;
        let rect = Rect::from_min_size(pos2(2.0, 3.0), egui::vec2(10.0, 5.0));
        let img = crop(&shot, rect, 2.0).unwrap();
        assert_eq!(img.dimensions(), (20, 10));
        assert_eq!(img.get_pixel(0, 0).0, [255, 0, 0, 255]);
        assert_eq!(img.get_pixel(1, 0).0, [0, 0, 0, 255]);
    }

    #[test]
    fn off_the_screenshot_there_is_nothing_to_crop() {
        let shot = ColorImage::filled([40, 30], Color32::BLACK);
        let rect = Rect::from_min_size(pos2(50.0, 3.0), egui::vec2(10.0, 5.0));
        assert!(crop(&shot, rect, 1.0).is_none());
    }
}
