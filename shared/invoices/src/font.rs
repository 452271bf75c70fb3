//! The one font every document is set in: a subset of Noto Sans Regular made by
//! `fonts/make-font.sh` (Latin with its extensions, Greek, Cyrillic, currency signs),
//! embedded whole in each PDF. `build.rs` reads it at build time: its deflated bytes and
//! its character table are all the function carries, so nothing is parsed at run time.
//!
//! Text is placed glyph by glyph from the font's own `cmap` and advances: no shaping,
//! which the scripts the subset covers do not need.

mod tables {
    include!(concat!(env!("OUT_DIR"), "/font_tables.rs"));
}

/// The font file as a zlib stream, for the PDF's `/FontFile2` (`/FlateDecode`).
pub const FONT_FILE_DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/font.ttf.zlib"));
/// The font file's length before deflating (the stream's `/Length1`).
pub const FONT_FILE_LENGTH: usize = include_bytes!("../fonts/NotoSans-Invoice.ttf").len();
/// The PostScript name in the PDF, with the tag PDF gives a subset font.
pub const BASE_FONT: &[u8] = b"NOTOIV+NotoSans-Regular";

/// Drawn for a character the subset lacks.
pub const REPLACEMENT: char = '\u{FFFD}';

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// In thousandths of the font size.
    pub advance: f32,
}

/// The glyph for `c`, or None when the subset does not cover it.
pub fn glyph(c: char) -> Option<Glyph> {
    let index = tables::CHARACTERS
        .binary_search_by_key(&c, |(c, _, _)| *c)
        .ok()?;
    let (_, id, advance) = tables::CHARACTERS[index];
    Some(Glyph {
        id,
        advance: to_glyph_space(advance.into()),
    })
}

/// The glyph drawn in place of a character the subset lacks.
pub fn replacement() -> Glyph {
    glyph(REPLACEMENT).expect("the subset has U+FFFD")
}

/// The width of `text` set at `size` points.
pub fn width(text: &str, size: f32) -> f32 {
    let replacement = replacement().advance;
    text.chars()
        .map(|c| glyph(c).map_or(replacement, |g| g.advance))
        .sum::<f32>()
        * size
        / 1000.0
}

/// Font metrics in PDF glyph space (thousandths of the font size).
pub struct Metrics {
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
}

pub fn metrics() -> Metrics {
    let scale = |v: i16| to_glyph_space(v.into());
    Metrics {
        ascent: scale(tables::ASCENT),
        descent: scale(tables::DESCENT),
        cap_height: scale(tables::CAP_HEIGHT),
        bbox: tables::BBOX.map(scale),
    }
}

/// Font units to thousandths of the font size.
fn to_glyph_space(units: i32) -> f32 {
    units as f32 * 1000.0 / f32::from(tables::UNITS_PER_EM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_covers_the_portal_languages_and_the_currency_signs() {
        let text = "Jürgen Weiß Ñandú Çedille Œuvre São João Élodie Ærø \
                    Łukasz Dvořák Ștefan Nguyễn Анна Иванова Αλέξης €£¥₹₩₽$";
        let missing: Vec<char> = text.chars().filter(|c| glyph(*c).is_none()).collect();
        assert!(missing.is_empty(), "not in the subset: {missing:?}");
    }

    #[test]
    fn characters_outside_the_subset_fall_back_to_the_replacement_glyph() {
        assert_eq!(glyph('漢'), None);
        assert_ne!(replacement().id, 0, "U+FFFD is in the subset, not .notdef");
        assert_eq!(width("漢", 10.0), width("\u{FFFD}", 10.0));
        assert!(width("漢", 10.0) > 0.0);
    }

    #[test]
    fn widths_scale_with_the_size_and_the_text() {
        let one = width("Invoice", 10.0);
        assert!(one > 20.0 && one < 50.0, "{one}");
        assert!((width("Invoice", 20.0) - 2.0 * one).abs() < 1e-3);
        assert!(width("Invoice total", 10.0) > one);
    }
}
