//! Reads the committed font once, at build time, so the function needs no font parser:
//! - `font.ttf.zlib`: the font deflated, which every PDF embeds as a `FlateDecode`
//!   stream (the function links no compressor);
//! - `font_tables.rs`: each character the font maps with its glyph and advance, sorted
//!   for binary search, and the metrics a PDF font descriptor states.

use std::fmt::Write as _;
use std::path::PathBuf;
use ttf_parser::{Face, GlyphId};

const FONT: &str = "fonts/NotoSans-Invoice.ttf";

fn main() {
    println!("cargo::rerun-if-changed={FONT}");
    let font = std::fs::read(FONT).expect("the committed font subset");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(&font, 10);
    std::fs::write(out.join("font.ttf.zlib"), deflated).expect("OUT_DIR is writable");
    std::fs::write(out.join("font_tables.rs"), tables(&font)).expect("OUT_DIR is writable");
}

fn tables(font: &[u8]) -> String {
    let face = Face::parse(font, 0).expect("the committed font parses");
    let mut characters: Vec<(char, u16, u16)> = Vec::new();
    let cmap = face.tables().cmap.expect("the font maps characters");
    for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        subtable.codepoints(|codepoint| {
            let glyph = subtable.glyph_index(codepoint);
            if let (Some(c), Some(glyph)) = (char::from_u32(codepoint), glyph) {
                let advance = face.glyph_hor_advance(glyph).unwrap_or(0);
                characters.push((c, glyph.0, advance));
            }
        });
    }
    characters.sort_by_key(|(c, _, _)| *c);
    characters.dedup_by_key(|(c, _, _)| *c);
    assert!(
        face.glyph_hor_advance(GlyphId(0)).is_some(),
        "the font has .notdef"
    );

    let bbox = face.global_bounding_box();
    let mut code = String::new();
    writeln!(
        code,
        "pub const UNITS_PER_EM: u16 = {};",
        face.units_per_em()
    )
    .unwrap();
    writeln!(code, "pub const ASCENT: i16 = {};", face.ascender()).unwrap();
    writeln!(code, "pub const DESCENT: i16 = {};", face.descender()).unwrap();
    let cap_height = face.capital_height().unwrap_or(face.ascender());
    writeln!(code, "pub const CAP_HEIGHT: i16 = {cap_height};").unwrap();
    writeln!(
        code,
        "pub const BBOX: [i16; 4] = [{}, {}, {}, {}];",
        bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max
    )
    .unwrap();
    writeln!(
        code,
        "/// (character, glyph, advance in font units), by character."
    )
    .unwrap();
    writeln!(code, "pub const CHARACTERS: &[(char, u16, u16)] = &[").unwrap();
    for (c, glyph, advance) in characters {
        writeln!(code, "    ({c:?}, {glyph}, {advance}),").unwrap();
    }
    writeln!(code, "];").unwrap();
    code
}
