//! Draws an [`InvoiceDocument`] as a PDF: A4 pages set in the embedded font (a Type 0
//! font over the TrueType subset, Identity-H, with a ToUnicode map so text extracts as
//! written). A character the font lacks is drawn as U+FFFD and kept extractable with
//! `/ActualText`. Nothing depends on the clock or on hashing order, so the same
//! document gives the same bytes.

use crate::document::{DocumentKind, InvoiceDocument, LineItem};
use crate::font::{self, BASE_FONT, FONT_FILE_DEFLATED, FONT_FILE_LENGTH, REPLACEMENT};
use crate::format;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;

const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.0;
const RIGHT: f32 = PAGE_WIDTH - 56.0;
const TOP: f32 = PAGE_HEIGHT - 60.0;
/// Content stops here; the footer sits below.
const BOTTOM: f32 = 80.0;
const FOOTER_Y: f32 = 40.0;

/// Where the details (right column) and the table's columns start or end.
const DETAILS_LABEL_X: f32 = 270.0;
const DETAILS_VALUE_X: f32 = 348.0;
const ITEM_WIDTH: f32 = 250.0;
const QUANTITY_RIGHT: f32 = 360.0;
const TAX_RIGHT: f32 = 445.0;
const TOTALS_LABEL_X: f32 = 330.0;

const FONT_NAME: Name<'static> = Name(b"F1");
const TEXT: f32 = 0.1;
const MUTED: f32 = 0.42;
const RULE: f32 = 0.8;

/// The PDF of `document`.
pub fn render(document: &InvoiceDocument) -> Vec<u8> {
    let mut canvas = Canvas::default();
    draw_header(&mut canvas, document);
    draw_lines(&mut canvas, document);
    draw_totals(&mut canvas, document);
    let footer = format!(
        "{} · {} {}",
        document.business_name,
        document.kind.title(),
        document.number
    );
    canvas.finish_pages(&footer);
    write_pdf(document, canvas)
}

fn draw_header(canvas: &mut Canvas, document: &InvoiceDocument) {
    let title_size = 22.0;
    canvas.text_right(RIGHT, TOP, title_size, TEXT, document.kind.title());
    canvas.text_right(RIGHT, TOP - 18.0, 10.0, MUTED, &document.number);
    // The business name wraps clear of the title and the number beneath it.
    let title_width =
        font::width(document.kind.title(), title_size).max(font::width(&document.number, 10.0));
    let business_bottom = canvas.paragraph(
        LEFT,
        TOP,
        RIGHT - title_width - 24.0 - LEFT,
        18.0,
        TEXT,
        &document.business_name,
    );
    let mut y = business_bottom.min(TOP - 18.0) - 22.0;
    canvas.rule(y + 10.0, 0.6);

    let top_of_columns = y - 8.0;
    canvas.text(LEFT, top_of_columns, 8.0, MUTED, "BILLED TO");
    let name_bottom = canvas.paragraph(
        LEFT,
        top_of_columns - 16.0,
        DETAILS_LABEL_X - LEFT - 20.0,
        11.0,
        TEXT,
        &document.customer.name,
    );
    let mut customer_bottom = name_bottom - 2.0;
    for line in std::iter::once(&document.customer.email).chain(&document.customer.address) {
        customer_bottom = canvas.paragraph(
            LEFT,
            customer_bottom,
            DETAILS_LABEL_X - LEFT - 20.0,
            9.5,
            TEXT,
            line,
        );
    }

    let issued = format::date(&document.issued_at);
    let details = [("Date issued", issued.as_str())]
        .into_iter()
        .chain(document.details.iter().map(|d| (d.label, d.value.as_str())))
        .chain([("Currency", document.currency.code.as_str())]);
    y = top_of_columns;
    for (label, value) in details {
        canvas.text(DETAILS_LABEL_X, y, 9.0, MUTED, label);
        y = canvas.paragraph(
            DETAILS_VALUE_X,
            y,
            RIGHT - DETAILS_VALUE_X,
            9.0,
            TEXT,
            value,
        ) - 3.0;
    }
    canvas.y = y.min(customer_bottom) - 26.0;
}

fn draw_table_heading(canvas: &mut Canvas) {
    let y = canvas.y;
    canvas.text(LEFT, y, 8.0, MUTED, "ITEM");
    canvas.text_right(QUANTITY_RIGHT, y, 8.0, MUTED, "QTY");
    canvas.text_right(TAX_RIGHT, y, 8.0, MUTED, "TAX");
    canvas.text_right(RIGHT, y, 8.0, MUTED, "AMOUNT");
    canvas.rule(y - 6.0, 0.6);
    canvas.y = y - 22.0;
}

fn draw_lines(canvas: &mut Canvas, document: &InvoiceDocument) {
    draw_table_heading(canvas);
    for line in &document.lines {
        let name_lines = wrap(&line.name, 10.0, ITEM_WIDTH);
        let description_lines = line
            .description
            .as_deref()
            .map(|d| wrap(d, 8.5, ITEM_WIDTH))
            .unwrap_or_default();
        let height = name_lines.len() as f32 * 13.0 + description_lines.len() as f32 * 11.0;
        if canvas.y - height < BOTTOM {
            canvas.new_page();
            draw_table_heading(canvas);
        }
        draw_line(canvas, document, line, &name_lines, &description_lines);
    }
}

fn draw_line(
    canvas: &mut Canvas,
    document: &InvoiceDocument,
    line: &LineItem,
    name_lines: &[String],
    description_lines: &[String],
) {
    let top = canvas.y;
    if let Some(quantity) = line.quantity {
        canvas.text_right(QUANTITY_RIGHT, top, 10.0, TEXT, &quantity.to_string());
    }
    if let Some(tax) = line.tax_minor {
        let tax = format::money(tax, document.currency);
        canvas.text_right(TAX_RIGHT, top, 10.0, TEXT, &tax);
    }
    let amount = format::money(line.amount_minor, document.currency);
    canvas.text_right(RIGHT, top, 10.0, TEXT, &amount);
    let mut y = top;
    for text in name_lines {
        canvas.text(LEFT, y, 10.0, TEXT, text);
        y -= 13.0;
    }
    for text in description_lines {
        canvas.text(LEFT, y + 1.0, 8.5, MUTED, text);
        y -= 11.0;
    }
    canvas.rule(y + 4.0, 0.3);
    canvas.y = y - 12.0;
}

fn draw_totals(canvas: &mut Canvas, document: &InvoiceDocument) {
    let note_lines = document
        .note
        .as_deref()
        .map(|n| wrap(n, 9.0, RIGHT - LEFT))
        .unwrap_or_default();
    if canvas.y - 70.0 - note_lines.len() as f32 * 12.0 < BOTTOM {
        canvas.new_page();
    }
    let money = |amount| format::money(amount, document.currency);
    let mut y = canvas.y - 4.0;
    for (label, amount) in [
        ("Subtotal", document.subtotal_minor),
        ("Tax", document.tax_minor),
    ] {
        canvas.text(TOTALS_LABEL_X, y, 10.0, MUTED, label);
        canvas.text_right(RIGHT, y, 10.0, TEXT, &money(amount));
        y -= 16.0;
    }
    canvas.rule(y + 8.0, 0.6);
    let total_label = match document.kind {
        DocumentKind::Invoice => "Total paid",
        DocumentKind::CreditNote => "Total refunded",
    };
    y -= 8.0;
    canvas.text(TOTALS_LABEL_X, y, 12.0, TEXT, total_label);
    canvas.text_right(RIGHT, y, 12.0, TEXT, &money(document.total_minor));
    y -= 36.0;
    for text in &note_lines {
        canvas.text(LEFT, y, 9.0, MUTED, text);
        y -= 12.0;
    }
    canvas.y = y;
}

/// `text` broken into lines no wider than `width` at `size`: at spaces where it can, inside
/// a word too long for a line otherwise. Never empty. Each word is measured once.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let space = font::width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = font::width(word, size);
        if !current.is_empty() && current_width + space + word_width <= width {
            current.push(' ');
            current.push_str(word);
            current_width += space + word_width;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if word_width <= width {
            current.push_str(word);
            current_width = word_width;
            continue;
        }
        current_width = 0.0;
        for c in word.chars() {
            let char_width = font::width(c.encode_utf8(&mut [0; 4]), size);
            if !current.is_empty() && current_width + char_width > width {
                lines.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            current.push(c);
            current_width += char_width;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// The pages drawn so far and the glyphs they use.
struct Canvas {
    pages: Vec<Content>,
    page: Content,
    /// The baseline the next block starts at.
    y: f32,
    /// Each glyph used, the character it stands for and its advance, for the ToUnicode
    /// map and the widths (ordered, so the output does not depend on hashing).
    glyphs: BTreeMap<u16, (char, f32)>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            pages: Vec::new(),
            page: Content::new(),
            y: TOP,
            glyphs: BTreeMap::new(),
        }
    }
}

impl Canvas {
    fn new_page(&mut self) {
        self.pages
            .push(std::mem::replace(&mut self.page, Content::new()));
        self.y = TOP;
    }

    /// Draws one line of text with its left end at `x`.
    fn text(&mut self, x: f32, y: f32, size: f32, gray: f32, text: &str) {
        let mut encoded = Vec::with_capacity(text.len() * 2);
        let mut complete = true;
        for c in text.chars() {
            let (glyph, drawn) = match font::glyph(c) {
                Some(glyph) => (glyph, c),
                None => {
                    complete = false;
                    (font::replacement(), REPLACEMENT)
                }
            };
            self.glyphs
                .entry(glyph.id)
                .or_insert((drawn, glyph.advance));
            encoded.extend_from_slice(&glyph.id.to_be_bytes());
        }
        if !complete {
            self.page
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(text));
        }
        self.page.set_fill_gray(gray);
        self.page.begin_text();
        self.page.set_font(FONT_NAME, size);
        self.page.next_line(x, y);
        self.page.show(Str(&encoded));
        self.page.end_text();
        if !complete {
            self.page.end_marked_content();
        }
    }

    /// Draws one line of text with its right end at `right`.
    fn text_right(&mut self, right: f32, y: f32, size: f32, gray: f32, text: &str) {
        self.text(right - font::width(text, size), y, size, gray, text);
    }

    /// Draws `text` wrapped to `width` from the baseline `y` down; returns the baseline
    /// below its last line.
    fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, gray: f32, text: &str) -> f32 {
        let mut y = y;
        for line in wrap(text, size, width) {
            self.text(x, y, size, gray, &line);
            y -= size * 1.3;
        }
        y
    }

    /// A horizontal line across the content width.
    fn rule(&mut self, y: f32, width: f32) {
        self.page.set_stroke_gray(RULE);
        self.page.set_line_width(width);
        self.page.move_to(LEFT, y);
        self.page.line_to(RIGHT, y);
        self.page.stroke();
    }

    /// Closes the last page and puts the footer, with page numbers, on every page.
    fn finish_pages(&mut self, footer: &str) {
        self.new_page();
        let mut pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        for (index, page) in pages.iter_mut().enumerate() {
            std::mem::swap(&mut self.page, page);
            let footer_line = wrap(footer, 8.0, RIGHT - LEFT - 80.0).remove(0);
            self.text(LEFT, FOOTER_Y, 8.0, MUTED, &footer_line);
            let number = format!("Page {} of {count}", index + 1);
            self.text_right(RIGHT, FOOTER_Y, 8.0, MUTED, &number);
            std::mem::swap(&mut self.page, page);
        }
        self.pages = pages;
    }
}

/// Object numbers: the fixed objects first, then two per page (page, content).
struct Refs {
    catalog: Ref,
    page_tree: Ref,
    info: Ref,
    type0: Ref,
    cid_font: Ref,
    descriptor: Ref,
    font_file: Ref,
    to_unicode: Ref,
    first_page: i32,
}

impl Refs {
    fn new() -> Self {
        Refs {
            catalog: Ref::new(1),
            page_tree: Ref::new(2),
            info: Ref::new(3),
            type0: Ref::new(4),
            cid_font: Ref::new(5),
            descriptor: Ref::new(6),
            font_file: Ref::new(7),
            to_unicode: Ref::new(8),
            first_page: 9,
        }
    }

    fn page(&self, index: usize) -> Ref {
        Ref::new(self.first_page + 2 * index as i32)
    }

    fn content(&self, index: usize) -> Ref {
        Ref::new(self.first_page + 2 * index as i32 + 1)
    }
}

fn write_pdf(document: &InvoiceDocument, canvas: Canvas) -> Vec<u8> {
    let refs = Refs::new();
    let mut pdf = Pdf::new();
    pdf.catalog(refs.catalog).pages(refs.page_tree);
    let page_refs: Vec<Ref> = (0..canvas.pages.len()).map(|i| refs.page(i)).collect();
    pdf.pages(refs.page_tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);

    let title = format!("{} {}", document.kind.title(), document.number);
    pdf.document_info(refs.info)
        .title(TextStr(&title))
        .author(TextStr(&document.business_name))
        .producer(TextStr("Customers service invoices"));

    for (index, content) in canvas.pages.into_iter().enumerate() {
        let mut page = pdf.page(refs.page(index));
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(refs.page_tree)
            .contents(refs.content(index));
        page.resources().fonts().pair(FONT_NAME, refs.type0);
        page.finish();
        pdf.stream(refs.content(index), &content.finish());
    }

    write_font(&mut pdf, &refs, &canvas.glyphs);
    pdf.finish()
}

fn write_font(pdf: &mut Pdf, refs: &Refs, glyphs: &BTreeMap<u16, (char, f32)>) {
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(refs.type0)
        .base_font(Name(BASE_FONT))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid_font)
        .to_unicode(refs.to_unicode);

    let mut cid_font = pdf.cid_font(refs.cid_font);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(BASE_FONT))
        .system_info(system_info)
        .font_descriptor(refs.descriptor)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid_font.widths();
    for (&glyph, &(_, advance)) in glyphs {
        widths.consecutive(glyph, [advance]);
    }
    widths.finish();
    cid_font.finish();

    let metrics = font::metrics();
    let [x_min, y_min, x_max, y_max] = metrics.bbox;
    pdf.font_descriptor(refs.descriptor)
        .name(Name(BASE_FONT))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(x_min, y_min, x_max, y_max))
        .italic_angle(0.0)
        .ascent(metrics.ascent)
        .descent(metrics.descent)
        .cap_height(metrics.cap_height)
        .stem_v(80.0)
        .font_file2(refs.font_file);
    pdf.stream(refs.font_file, FONT_FILE_DEFLATED)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), FONT_FILE_LENGTH as i32);

    let mut to_unicode = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system_info);
    for (&glyph, &(c, _)) in glyphs {
        to_unicode.pair(glyph, c);
    }
    pdf.cmap(refs.to_unicode, &to_unicode.finish());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BilledTo, Detail};
    use platform::money::Currency;

    pub(crate) fn sample(kind: DocumentKind, customer_name: &str, lines: usize) -> InvoiceDocument {
        let line = |i: usize| LineItem {
            name: format!("Pro plan seat {i}"),
            description: Some("Monthly seat for the analytics workspace".into()),
            quantity: Some(1),
            amount_minor: 1_000,
            tax_minor: Some(180),
        };
        let lines: Vec<LineItem> = (0..lines).map(line).collect();
        let subtotal: i64 = lines.iter().map(|l| l.amount_minor).sum();
        let tax: i64 = lines.iter().filter_map(|l| l.tax_minor).sum();
        InvoiceDocument {
            kind,
            number: "INV-pay_123".into(),
            issued_at: "2026-11-28T10:00:00.000000Z".into(),
            business_name: "Acme Analytics".into(),
            customer: BilledTo {
                name: customer_name.into(),
                email: "anna@example.com".into(),
                address: vec!["1 Market St".into(), "San Francisco CA 94105".into()],
            },
            details: vec![Detail {
                label: "Payment ID",
                value: "pay_123".into(),
            }],
            currency: Currency {
                code: "USD".parse().unwrap(),
                exponent: 2,
            },
            lines,
            subtotal_minor: subtotal,
            tax_minor: tax,
            total_minor: subtotal + tax,
            note: None,
        }
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let document = sample(DocumentKind::Invoice, "Анна Иванова", 3);
        let first = render(&document);
        assert!(first.starts_with(b"%PDF-"));
        assert_eq!(first, render(&document));
        let mut other = document.clone();
        other.customer.name = "Anna Ivanova".into();
        assert_ne!(first, render(&other));
    }

    #[test]
    fn many_lines_flow_onto_more_pages() {
        let one_page = render(&sample(DocumentKind::Invoice, "Ana", 3));
        let long = render(&sample(DocumentKind::Invoice, "Ana", 60));
        let pages = |pdf: &[u8]| {
            pdf.windows(b"/Type /Page\n".len())
                .filter(|w| *w == b"/Type /Page\n")
                .count()
        };
        assert_eq!(pages(&one_page), 1);
        assert!(pages(&long) >= 3, "{}", pages(&long));
    }

    #[test]
    fn a_character_outside_the_font_is_kept_as_actual_text() {
        let pdf = render(&sample(DocumentKind::CreditNote, "山田太郎", 1));
        let needle = b"/ActualText";
        assert!(pdf.windows(needle.len()).any(|w| w == needle));
        let latin = render(&sample(DocumentKind::CreditNote, "Ana", 1));
        assert!(!latin.windows(needle.len()).any(|w| w == needle));
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let text = "a fairly long description that will not fit on one line of the table \
                    plus_an_identifier_far_too_long_for_any_single_line_of_the_column_at_all";
        let lines = wrap(text, 10.0, 120.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| font::width(l, 10.0) <= 120.0));
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(wrap("", 10.0, 120.0), vec![String::new()]);
    }
}
