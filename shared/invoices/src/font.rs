//! The one font every document is set in: a subset of Noto Sans Regular made by
//! `fonts/make-font.sh` (Latin with its extensions, Greek, Cyrillic, currency signs),
//! embedded whole in each PDF, deflated at build time (`build.rs`).
//!
//! Text is placed glyph by glyph from the font's own `cmap` and advances: no shaping,
//! which the scripts the subset covers do not need.

use std::sync::LazyLock;
use ttf_parser::{Face, GlyphId};

pub const FONT_FILE: &[u8] = include_bytes!("../fonts/NotoSans-Invoice.ttf");
/// [`FONT_FILE`] as a zlib stream, for the PDF's `/FontFile2` (`/FlateDecode`).
pub const FONT_FILE_DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/font.ttf.zlib"));
/// The PostScript name in the PDF, with the tag PDF gives a subset font.
pub const BASE_FONT: &[u8] = b"NOTOIV+NotoSans-Regular";

/// The glyph drawn for a character the subset lacks.
const REPLACEMENT: char = '\u{FFFD}';

pub struct EmbeddedFont {
    face: Face<'static>,
    /// Every character the font maps, sorted, with its glyph and advance (thousandths
    /// of the font size): looked up for each character drawn or measured.
    characters: Vec<(char, u16, f32)>,
    replacement: u16,
}

/// Read once per process, on the first document: the font's table directory and its
/// Unicode `cmap` (about a thousand characters).
pub static FONT: LazyLock<EmbeddedFont> = LazyLock::new(|| {
    let face = Face::parse(FONT_FILE, 0).expect("the committed font parses");
    let mut characters: Vec<(char, u16, f32)> = Vec::new();
    if let Some(cmap) = face.tables().cmap {
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|codepoint| {
                let glyph = subtable.glyph_index(codepoint).map(|g| g.0);
                if let (Some(c), Some(glyph)) = (char::from_u32(codepoint), glyph) {
                    characters.push((c, glyph, advance(&face, glyph)));
                }
            });
        }
    }
    characters.sort_by_key(|(c, _, _)| *c);
    characters.dedup_by_key(|(c, _, _)| *c);
    let replacement = face.glyph_index(REPLACEMENT).map_or(0, |g| g.0);
    EmbeddedFont {
        face,
        characters,
        replacement,
    }
});

fn advance(face: &Face<'_>, glyph: u16) -> f32 {
    let units = face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0);
    to_glyph_space(face, i32::from(units))
}

/// Font units to thousandths of the font size.
fn to_glyph_space(face: &Face<'_>, units: i32) -> f32 {
    units as f32 * 1000.0 / f32::from(face.units_per_em())
}

/// Font metrics in PDF glyph space (thousandths of the font size).
pub struct Metrics {
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
}

impl EmbeddedFont {
    fn character(&self, c: char) -> Option<(u16, f32)> {
        self.characters
            .binary_search_by_key(&c, |(c, _, _)| *c)
            .ok()
            .map(|i| (self.characters[i].1, self.characters[i].2))
    }

    /// The glyph for `c`, or None when the subset does not cover it.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.character(c).map(|(glyph, _)| glyph)
    }

    /// The glyph drawn in place of a character the subset lacks.
    pub fn replacement(&self) -> u16 {
        self.replacement
    }

    /// A glyph's advance in thousandths of the font size.
    pub fn advance(&self, glyph: u16) -> f32 {
        advance(&self.face, glyph)
    }

    /// The width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let replacement = self.advance(self.replacement);
        text.chars()
            .map(|c| {
                self.character(c)
                    .map_or(replacement, |(_, advance)| advance)
            })
            .sum::<f32>()
            * size
            / 1000.0
    }

    pub fn metrics(&self) -> Metrics {
        let bbox = self.face.global_bounding_box();
        let scale = |v: i16| to_glyph_space(&self.face, i32::from(v));
        Metrics {
            ascent: scale(self.face.ascender()),
            descent: scale(self.face.descender()),
            cap_height: scale(self.face.capital_height().unwrap_or(self.face.ascender())),
            bbox: [
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_covers_the_portal_languages_and_the_currency_signs() {
        let text = "Jürgen Weiß Ñandú Çedille Œuvre São João Élodie Ærø \
                    Łukasz Dvořák Ștefan Nguyễn Анна Иванова Αλέξης €£¥₹₩₽$";
        let missing: Vec<char> = text.chars().filter(|c| FONT.glyph(*c).is_none()).collect();
        assert!(missing.is_empty(), "not in the subset: {missing:?}");
    }

    #[test]
    fn characters_outside_the_subset_fall_back_to_the_replacement_glyph() {
        assert_eq!(FONT.glyph('漢'), None);
        assert_ne!(FONT.replacement(), 0, "U+FFFD is in the subset");
        assert!(FONT.width("漢", 10.0) > 0.0);
    }

    #[test]
    fn widths_scale_with_the_size_and_the_text() {
        let one = FONT.width("Invoice", 10.0);
        assert!(one > 20.0 && one < 50.0, "{one}");
        assert!((FONT.width("Invoice", 20.0) - 2.0 * one).abs() < 1e-3);
        assert!(FONT.width("Invoice total", 10.0) > one);
    }
}
