//! Screens to preview on: the sizes of Roblox Studio's Device Emulator, in
//! logical points, with the safe-area (notch) insets of phones.

use serde::Serialize;

/// Space the device keeps for itself at each edge (notch, home indicator).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Insets {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Insets {
    pub const NONE: Insets = Insets {
        left: 0.0,
        top: 0.0,
        right: 0.0,
        bottom: 0.0,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DeviceKind {
    Desktop,
    Phone,
    Tablet,
    Console,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Device {
    /// Short name for the command line (`iphone16`, `iphone16-portrait`).
    pub name: &'static str,
    /// Name people know (`iPhone 16`).
    pub label: &'static str,
    pub kind: DeviceKind,
    /// Screen size in logical points (what Roblox's GUI pixels are).
    pub width: f32,
    pub height: f32,
    /// The device's own safe-area insets (not Roblox's top bar).
    pub safe_insets: Insets,
}

impl Device {
    pub fn new(name: &'static str, width: f32, height: f32) -> Device {
        Device {
            name,
            label: name,
            kind: DeviceKind::Desktop,
            width,
            height,
            safe_insets: Insets::NONE,
        }
    }

    /// Every preset, landscape first then the portrait variants of phones
    /// and tablets.
    pub fn presets() -> Vec<Device> {
        let d = |name, label, kind, width, height, safe_insets| Device {
            name,
            label,
            kind,
            width,
            height,
            safe_insets,
        };
        let ins = |left, top, right, bottom| Insets {
            left,
            top,
            right,
            bottom,
        };
        vec![
            d(
                "desktop",
                "Desktop (1080p)",
                DeviceKind::Desktop,
                1920.0,
                1080.0,
                Insets::NONE,
            ),
            d(
                "laptop",
                "Laptop",
                DeviceKind::Desktop,
                1366.0,
                768.0,
                Insets::NONE,
            ),
            // iOS landscape safe area of the iPhone 16: 59 pt each side for
            // the Dynamic Island (the side it is on flips), 21 pt at the
            // bottom for the home indicator.
            d(
                "iphone16",
                "iPhone 16",
                DeviceKind::Phone,
                852.0,
                393.0,
                ins(59.0, 0.0, 59.0, 21.0),
            ),
            d(
                "iphone7",
                "iPhone 7 (small phone)",
                DeviceKind::Phone,
                667.0,
                375.0,
                Insets::NONE,
            ),
            d(
                "ipad",
                "iPad (10th generation)",
                DeviceKind::Tablet,
                1180.0,
                820.0,
                ins(0.0, 0.0, 0.0, 20.0),
            ),
            d(
                "console",
                "Xbox / PlayStation",
                DeviceKind::Console,
                1920.0,
                1080.0,
                Insets::NONE,
            ),
            d(
                "iphone16-portrait",
                "iPhone 16 (portrait)",
                DeviceKind::Phone,
                393.0,
                852.0,
                ins(0.0, 59.0, 0.0, 34.0),
            ),
            d(
                "iphone7-portrait",
                "iPhone 7 (portrait)",
                DeviceKind::Phone,
                375.0,
                667.0,
                Insets::NONE,
            ),
            d(
                "ipad-portrait",
                "iPad (10th generation, portrait)",
                DeviceKind::Tablet,
                820.0,
                1180.0,
                ins(0.0, 0.0, 0.0, 20.0),
            ),
        ]
    }

    /// The preset with this command-line name (case-insensitive).
    pub fn by_name(name: &str) -> Option<Device> {
        Device::presets()
            .into_iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// Names of every preset, for help texts.
    pub fn names() -> Vec<&'static str> {
        Device::presets().iter().map(|d| d.name).collect()
    }
}
