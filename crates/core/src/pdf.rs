//! Printable PDFs: programme completion certificates, and report documents (headings,
//! paragraphs, label–value lines and tables of figures) that users export and print.
//!
//! Layout happens here, not in printpdf: text is measured with the embedded font's own
//! advance widths, wrapped at spaces (a word wider than the line breaks between
//! characters), and tables flow over pages with their header row repeated. printpdf 0.9
//! then writes the pages, the font dictionaries and the ToUnicode maps that keep the text
//! searchable and copyable.
//!
//! Fonts: DejaVu Sans and DejaVu Sans Bold are compiled in (`assets/fonts`, Bitstream Vera
//! licence), so names in Latin, Greek or Cyrillic scripts print the same on every machine;
//! a character the font lacks prints as "�". Without its `text_layout` feature (which
//! would pull in a whole HTML layout engine) printpdf neither reads nor subsets fonts, and
//! 0.9 leaves every stream uncompressed; so this module subsets the fonts itself
//! (`subsetter`) and compresses the finished file, which keeps a certificate at about
//! 25 KB instead of 1.5 MB.
//!
//! The same input always gives the same bytes: no creation date is written, and the file
//! ID is a hash of the content rather than printpdf's random one.

use mentordesk_shared::certificates::CertificateDocument;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use lopdf::{Object, ObjectId, StringFormat};
use printpdf::{
    Color, FontId, FontMetrics, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfFontMetricsStub, PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};
use sha2::{Digest, Sha256};
use ttf_parser::Face;

const REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// Points per millimetre (a PDF point is 1/72 inch).
const MM: f32 = 72.0 / 25.4;
const A4_SHORT_MM: f32 = 210.0;
const A4_LONG_MM: f32 = 297.0;

// Report page geometry, in points from the bottom-left corner.
const PAGE_W: f32 = A4_SHORT_MM * MM;
const PAGE_H: f32 = A4_LONG_MM * MM;
const MARGIN: f32 = 20.0 * MM;
const LEFT: f32 = MARGIN;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = MARGIN;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The footer's baseline sits in the bottom margin, clear of the text.
const FOOTER_BASELINE: f32 = 10.0 * MM;

/// Line height as a multiple of the type size.
const LEADING: f32 = 1.3;
/// Space after each block.
const BLOCK_GAP: f32 = 8.0;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.5;
/// A text cell wraps to at most this many lines, the last then ending in "…", so one
/// runaway note cannot push a row past a page.
const MAX_CELL_LINES: usize = 3;
/// A label longer than this share of the line goes on its own line above its value.
const MAX_LABEL_SHARE: f32 = 0.4;

const ELLIPSIS: &str = "…";
const REPLACEMENT: char = '\u{FFFD}';

/// A report-style document: A4 portrait, 20 mm margins, flowing blocks with automatic page
/// breaks, a footer on every page ("<footer> · Page n of m").
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Printed at the top of the first page, and the PDF's title in viewers.
    pub title: String,
    /// Left out of the footer when empty, which then only counts pages.
    pub footer: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Bold and larger; kept on the same page as the lines that follow it.
    Heading(String),
    /// Wrapped to the text width; a line break in the text starts a new line.
    Paragraph(String),
    /// "Label: value" lines, label bold; a long value wraps under itself.
    KeyValues(Vec<(String, String)>),
    /// Header row bold, repeated after a page break; rows never split across pages. Text
    /// cells wrap (at most three lines, the last shortened with "…"); numeric cells are
    /// right-aligned and shortened rather than wrapped, since a number split over two
    /// lines misreads. Missing cells print empty, extra ones are ignored.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the text width relative to the other columns (2.0 is twice as wide as 1.0);
    /// zero, negative or not a number counts as 1.0.
    pub width: f32,
    /// Right-aligned and never wrapped.
    pub numeric: bool,
}

/// Lays out `doc` and returns the PDF file's bytes.
pub fn render(doc: &Document) -> Vec<u8> {
    write(&doc.title, layout(doc))
}

/// A certificate: A4 landscape, one page, a double border, centred lines: "Certificate of
/// Completion", the recipient, the statement, the programme, the dates (formatted by the
/// caller), a signature line with the approver, then the series, the code and
/// `verify_hint` (how to check the code). Long names shrink, then wrap to two lines, so the
/// page never overflows. Returns the PDF file's bytes.
pub fn certificate(c: &CertificateDocument, verify_hint: &str) -> Vec<u8> {
    let title = format!("{} certificate: {}", c.programme, c.recipient);
    write(&title, vec![certificate_page(c, verify_hint)])
}

// --- Fonts and measuring ------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Colour(f32, f32, f32);

const BLACK: Colour = Colour(0.0, 0.0, 0.0);
const MUTED: Colour = Colour(0.38, 0.38, 0.38);
const HAIRLINE: Colour = Colour(0.75, 0.75, 0.75);
const ACCENT: Colour = Colour(0.13, 0.25, 0.42);

#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    weight: Weight,
    colour: Colour,
}

impl Style {
    const fn new(size: f32, weight: Weight, colour: Colour) -> Self {
        Style {
            size,
            weight,
            colour,
        }
    }

    fn line_height(&self) -> f32 {
        self.size * LEADING
    }
}

const TITLE: Style = Style::new(18.0, Weight::Bold, BLACK);
const HEADING: Style = Style::new(13.0, Weight::Bold, BLACK);
const BODY: Style = Style::new(10.0, Weight::Regular, BLACK);
const LABEL: Style = Style::new(10.0, Weight::Bold, BLACK);
const CELL: Style = Style::new(9.0, Weight::Regular, BLACK);
const HEADER_CELL: Style = Style::new(9.0, Weight::Bold, BLACK);
const FOOTER: Style = Style::new(8.0, Weight::Regular, MUTED);

/// Characters below this have their advance widths looked up once, up front: a cmap
/// lookup per character made a 2,000-row table several times slower.
const ADVANCE_TABLE: usize = 0x3000;
/// Marks a character without a glyph in the advance table.
const NO_GLYPH: u16 = u16::MAX;

struct Font {
    face: Face<'static>,
    advances: Vec<u16>,
    /// Points per font unit at size 1.
    scale: f32,
}

impl Font {
    fn new(bytes: &'static [u8]) -> Self {
        let face = Face::parse(bytes, 0).expect("the bundled DejaVu fonts parse");
        let advances = (0..ADVANCE_TABLE as u32)
            .map(
                |c| match char::from_u32(c).and_then(|c| face.glyph_index(c)) {
                    Some(g) => face.glyph_hor_advance(g).unwrap_or(0),
                    None => NO_GLYPH,
                },
            )
            .collect();
        let scale = 1.0 / f32::from(face.units_per_em());
        Font {
            face,
            advances,
            scale,
        }
    }

    /// Advance width in font units; `None` without a glyph.
    fn advance(&self, c: char) -> Option<u16> {
        match self.advances.get(c as usize) {
            Some(&NO_GLYPH) => None,
            Some(&a) => Some(a),
            None => {
                let g = self.face.glyph_index(c)?;
                Some(self.face.glyph_hor_advance(g).unwrap_or(0))
            }
        }
    }
}

struct Fonts {
    regular: Font,
    bold: Font,
}

/// Parsed once: the faces only borrow the bundled bytes.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Font::new(REGULAR_TTF),
        bold: Font::new(BOLD_TTF),
    })
}

impl Fonts {
    fn font(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    fn face(&self, weight: Weight) -> &Face<'static> {
        &self.font(weight).face
    }

    /// Width in points, from the glyphs' advance widths. No kerning: the PDF is written
    /// without it too, so what is measured is what prints.
    fn width(&self, style: &Style, text: &str) -> f32 {
        let font = self.font(style.weight);
        let units: u32 = text
            .chars()
            .map(|c| u32::from(font.advance(c).unwrap_or(0)))
            .sum();
        units as f32 * style.size * font.scale
    }

    fn char_width(&self, style: &Style, c: char) -> f32 {
        let font = self.font(style.weight);
        f32::from(font.advance(c).unwrap_or(0)) * style.size * font.scale
    }

    /// Makes `text` printable on one line: tabs and line breaks become spaces, other
    /// control characters go, and a character the font lacks becomes "�" (printpdf 0.9
    /// also writes broken ToUnicode entries beyond U+FFFF, so those count as lacking).
    fn clean(&self, weight: Weight, text: &str) -> String {
        let font = self.font(weight);
        text.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() => None,
                c if u32::from(c) > 0xFFFF || font.advance(c).is_none() => Some(REPLACEMENT),
                c => Some(c),
            })
            .collect()
    }

    /// Breaks cleaned `text` into lines no wider than `max` points, at spaces; a word wider
    /// than a whole line breaks between characters. Empty text gives no lines.
    fn wrap(&self, style: &Style, text: &str, max: f32) -> Vec<String> {
        let space = self.char_width(style, ' ');
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let word_w = self.width(style, word);
            if !line.is_empty() && line_w + space + word_w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_w <= max {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            line_w = 0.0;
            for c in word.chars() {
                let w = self.char_width(style, c);
                if !line.is_empty() && line_w + w > max {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `text` as is if it fits in `max` points, otherwise cut to fit with "…" at the end.
    fn shorten(&self, style: &Style, text: &str, max: f32) -> String {
        if self.width(style, text) <= max {
            return text.to_string();
        }
        let budget = max - self.width(style, ELLIPSIS);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            w += self.char_width(style, c);
            if w > budget {
                break;
            }
            out.push(c);
        }
        let mut out = out.trim_end().to_string();
        out.push_str(ELLIPSIS);
        out
    }

    /// Wraps to at most `max_lines`, shortening the last with "…" if text is left over.
    fn wrap_at_most(&self, style: &Style, text: &str, max: f32, max_lines: usize) -> Vec<String> {
        let mut lines = self.wrap(style, text, max);
        if lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(self.shorten(style, &rest, max));
        }
        lines
    }

    /// Where the baseline goes in a line box of `line_height` whose top is at `top`: the
    /// font's ascent and descent centred in the box.
    fn baseline(&self, style: &Style, top: f32, line_height: f32) -> f32 {
        let font = &self.regular;
        let ascent = f32::from(font.face.ascender()) * font.scale * style.size;
        let descent = -f32::from(font.face.descender()) * font.scale * style.size;
        top - (line_height - ascent - descent) / 2.0 - ascent
    }
}

// --- Laid-out pages -----------------------------------------------------------------

/// Something drawn on a page; coordinates in points from the bottom-left corner.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    /// `x`, `y`: the start of the baseline.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        colour: Colour,
    },
    /// A stroked rectangle; `x`, `y` its bottom-left corner.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
        colour: Colour,
    },
}

#[derive(Debug)]
struct Page {
    width: f32,
    height: f32,
    marks: Vec<Mark>,
}

/// Report layout state: the pages so far and how far down the current one is filled.
struct Flow {
    fonts: &'static Fonts,
    pages: Vec<Vec<Mark>>,
    /// Top of the free space on the current page.
    y: f32,
}

impl Flow {
    fn new() -> Self {
        Flow {
            fonts: fonts(),
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn marks(&mut self) -> &mut Vec<Mark> {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn at_top(&self) -> bool {
        self.y >= TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one (or it is still
    /// empty, where nothing would be gained).
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y -= height;
        }
    }

    /// Puts `text` in the line box starting at the current position, without moving down.
    fn put(&mut self, x: f32, style: Style, line_height: f32, text: String) {
        let y = self.fonts.baseline(&style, self.y, line_height);
        self.marks().push(Mark::Text { x, y, style, text });
    }

    /// One line at the left edge, on a new page if it does not fit.
    fn line(&mut self, style: Style, text: String) {
        let lh = style.line_height();
        self.room(lh);
        self.put(LEFT, style, lh, text);
        self.y -= lh;
    }

    fn rule(&mut self, y: f32, width: f32, colour: Colour) {
        self.marks().push(Mark::Line {
            from: (LEFT, y),
            to: (LEFT + TEXT_W, y),
            width,
            colour,
        });
    }

    fn title(&mut self, title: &str) {
        let text = self.fonts.clean(TITLE.weight, title);
        for line in self.fonts.wrap(&TITLE, &text, TEXT_W) {
            self.line(TITLE, line);
        }
        self.gap(BLOCK_GAP);
    }

    /// A heading goes to the next page unless the start of `next` fits below it.
    fn heading(&mut self, heading: &str, next: Option<&Block>) {
        let text = self.fonts.clean(HEADING.weight, heading);
        let lines = self.fonts.wrap(&HEADING, &text, TEXT_W);
        self.gap(4.0);
        let next = next.map_or(0.0, |b| self.first_height(b));
        self.room(lines.len() as f32 * HEADING.line_height() + 3.0 + next);
        for line in lines {
            self.line(HEADING, line);
        }
        self.gap(3.0);
    }

    /// Height of the part of `block` that should not be parted from a heading above it:
    /// two lines of text, or a table's header and first row.
    fn first_height(&self, block: &Block) -> f32 {
        match block {
            Block::Heading(_) => HEADING.line_height() + 2.0 * BODY.line_height(),
            Block::Paragraph(_) | Block::KeyValues(_) => 2.0 * BODY.line_height(),
            Block::Table { columns, rows } if !columns.is_empty() => {
                let table = self.table_layout(columns);
                let first = rows
                    .first()
                    .map_or(0.0, |row| row_height(&self.row_cells(&table.columns, row)));
                table.header_height + first
            }
            Block::Table { .. } => 0.0,
        }
    }

    fn paragraph(&mut self, paragraph: &str) {
        for raw in paragraph.trim_matches(['\n', '\r']).split('\n') {
            let text = self.fonts.clean(BODY.weight, raw);
            let lines = self.fonts.wrap(&BODY, &text, TEXT_W);
            if lines.is_empty() {
                self.gap(BODY.line_height());
            }
            for line in lines {
                self.line(BODY, line);
            }
        }
        self.gap(BLOCK_GAP);
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let lh = BODY.line_height();
        for (label, value) in pairs {
            let label = self.fonts.clean(LABEL.weight, label);
            let value = self.fonts.clean(BODY.weight, value);
            let (label, indent) = match label.trim() {
                "" => (String::new(), 0.0),
                label => {
                    let label = format!("{label}:");
                    let indent =
                        self.fonts.width(&LABEL, &label) + self.fonts.char_width(&LABEL, ' ');
                    (label, indent)
                }
            };
            if indent <= TEXT_W * MAX_LABEL_SHARE {
                let lines = self.fonts.wrap(&BODY, &value, TEXT_W - indent);
                self.room(lh * lines.len().clamp(1, 3) as f32);
                self.put(LEFT, LABEL, lh, label);
                if lines.is_empty() {
                    self.y -= lh;
                }
                for (i, line) in lines.into_iter().enumerate() {
                    if i > 0 {
                        self.room(lh);
                    }
                    self.put(LEFT + indent, BODY, lh, line);
                    self.y -= lh;
                }
            } else {
                let label_lines = self.fonts.wrap(&LABEL, &label, TEXT_W);
                self.room(lh * (label_lines.len() + 1) as f32);
                for line in label_lines {
                    self.line(LABEL, line);
                }
                for line in self.fonts.wrap(&BODY, &value, TEXT_W) {
                    self.line(BODY, line);
                }
            }
        }
        self.gap(BLOCK_GAP);
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        if columns.is_empty() {
            return;
        }
        let table = self.table_layout(columns);
        let mut first = true;
        for row in rows {
            let cells = self.row_cells(&table.columns, row);
            let h = row_height(&cells);
            if first {
                self.room(table.header_height + h);
                self.table_header(&table);
                first = false;
            } else if self.y - h < BOTTOM {
                self.new_page();
                self.table_header(&table);
            }
            self.table_row(&table.columns, cells, CELL, h);
            let y = self.y;
            self.rule(y, 0.3, HAIRLINE);
        }
        if first {
            self.room(table.header_height);
            self.table_header(&table);
        }
        self.gap(BLOCK_GAP);
    }

    /// Column positions from their weights, and the header row's lines.
    fn table_layout(&self, columns: &[Column]) -> TableLayout {
        let weights: Vec<f32> = columns
            .iter()
            .map(|c| {
                if c.width.is_finite() && c.width > 0.0 {
                    c.width
                } else {
                    1.0
                }
            })
            .collect();
        let total: f32 = weights.iter().sum();
        let mut left = LEFT;
        let cols: Vec<TableColumn> = columns
            .iter()
            .zip(&weights)
            .map(|(c, w)| {
                let width = TEXT_W * w / total;
                let col = TableColumn {
                    left,
                    width,
                    numeric: c.numeric,
                };
                left += width;
                col
            })
            .collect();
        let header: Vec<Vec<String>> = columns
            .iter()
            .zip(&cols)
            .map(|(c, col)| self.cell_lines(&HEADER_CELL, &c.title, col, true))
            .collect();
        TableLayout {
            header_height: row_height(&header),
            columns: cols,
            header,
        }
    }

    fn row_cells(&self, cols: &[TableColumn], row: &[String]) -> Vec<Vec<String>> {
        cols.iter()
            .enumerate()
            .map(|(i, col)| {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                self.cell_lines(&CELL, text, col, !col.numeric)
            })
            .collect()
    }

    fn cell_lines(&self, style: &Style, text: &str, col: &TableColumn, wrap: bool) -> Vec<String> {
        let text = self.fonts.clean(style.weight, text);
        let max = col.width - 2.0 * CELL_PAD_X;
        if wrap {
            self.fonts.wrap_at_most(style, &text, max, MAX_CELL_LINES)
        } else if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![self.fonts.shorten(style, text.trim(), max)]
        }
    }

    fn table_header(&mut self, table: &TableLayout) {
        let y = self.y;
        self.rule(y, 0.8, BLACK);
        let header = table.header.clone();
        self.table_row(&table.columns, header, HEADER_CELL, table.header_height);
        let y = self.y;
        self.rule(y, 0.6, BLACK);
    }

    /// Draws one row whose top is at the current position, then moves below it.
    fn table_row(
        &mut self,
        cols: &[TableColumn],
        cells: Vec<Vec<String>>,
        style: Style,
        height: f32,
    ) {
        let lh = style.line_height();
        for (col, lines) in cols.iter().zip(cells) {
            for (i, line) in lines.into_iter().enumerate() {
                let top = self.y - CELL_PAD_Y - i as f32 * lh;
                let x = if col.numeric {
                    col.left + col.width - CELL_PAD_X - self.fonts.width(&style, &line)
                } else {
                    col.left + CELL_PAD_X
                };
                let y = self.fonts.baseline(&style, top, lh);
                self.marks().push(Mark::Text {
                    x,
                    y,
                    style,
                    text: line,
                });
            }
        }
        self.y -= height;
    }

    /// "<footer> · Page n of m" centred in the bottom margin of every page; a long footer
    /// is shortened, never the page count.
    fn footers(&mut self, footer: &str) {
        let count = self.pages.len();
        let footer = self.fonts.clean(FOOTER.weight, footer);
        let footer = footer.trim();
        for (i, marks) in self.pages.iter_mut().enumerate() {
            let page = format!("Page {} of {count}", i + 1);
            let text = if footer.is_empty() {
                page
            } else {
                let room = TEXT_W - self.fonts.width(&FOOTER, &format!(" · {page}"));
                format!("{} · {page}", self.fonts.shorten(&FOOTER, footer, room))
            };
            let x = (PAGE_W - self.fonts.width(&FOOTER, &text)) / 2.0;
            marks.push(Mark::Text {
                x,
                y: FOOTER_BASELINE,
                style: FOOTER,
                text,
            });
        }
    }
}

struct TableColumn {
    left: f32,
    width: f32,
    numeric: bool,
}

struct TableLayout {
    columns: Vec<TableColumn>,
    header: Vec<Vec<String>>,
    header_height: f32,
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    lines as f32 * CELL.line_height() + 2.0 * CELL_PAD_Y
}

fn layout(doc: &Document) -> Vec<Page> {
    let mut flow = Flow::new();
    if !doc.title.trim().is_empty() {
        flow.title(&doc.title);
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => flow.heading(text, doc.blocks.get(i + 1)),
            Block::Paragraph(text) => flow.paragraph(text),
            Block::KeyValues(pairs) => flow.key_values(pairs),
            Block::Table { columns, rows } => flow.table(columns, rows),
        }
    }
    flow.footers(&doc.footer);
    flow.pages
        .into_iter()
        .map(|marks| Page {
            width: PAGE_W,
            height: PAGE_H,
            marks,
        })
        .collect()
}

// --- Certificate --------------------------------------------------------------------

/// Certificate layout state: lines centred on the page, top to bottom.
struct Centred {
    fonts: &'static Fonts,
    marks: Vec<Mark>,
    page_w: f32,
    text_w: f32,
    /// Top of the next line box.
    y: f32,
}

impl Centred {
    /// Shrinks `style` (down to `min_size`) until `text` fits on one line, then wraps what
    /// still does not fit to at most `max_lines`.
    fn lines(&mut self, text: &str, style: Style, min_size: f32, max_lines: usize) {
        let text = self.fonts.clean(style.weight, text);
        let natural = self.fonts.width(&style, &text);
        let mut style = style;
        if natural > self.text_w {
            style.size = (style.size * self.text_w / natural).max(min_size);
        }
        let lh = style.size * 1.25;
        for line in self
            .fonts
            .wrap_at_most(&style, &text, self.text_w, max_lines)
        {
            self.at(line, style, lh);
            self.y -= lh;
        }
    }

    /// One centred line in the box whose top is at the current position.
    fn at(&mut self, text: String, style: Style, line_height: f32) {
        let x = (self.page_w - self.fonts.width(&style, &text)) / 2.0;
        let y = self.fonts.baseline(&style, self.y, line_height);
        self.marks.push(Mark::Text { x, y, style, text });
    }
}

fn certificate_page(c: &CertificateDocument, verify_hint: &str) -> Page {
    let (width, height) = (A4_LONG_MM * MM, A4_SHORT_MM * MM);
    let frame = |inset: f32, line: f32| Mark::Frame {
        x: inset,
        y: inset,
        w: width - 2.0 * inset,
        h: height - 2.0 * inset,
        width: line,
        colour: ACCENT,
    };
    let mut page = Centred {
        fonts: fonts(),
        marks: vec![frame(12.0 * MM, 2.5), frame(15.5 * MM, 0.8)],
        page_w: width,
        text_w: width - 2.0 * 35.0 * MM,
        y: height - 38.0 * MM,
    };
    let small = |size: f32, colour: Colour| Style::new(size, Weight::Regular, colour);

    page.lines(
        "Certificate of Completion",
        Style::new(26.0, Weight::Bold, ACCENT),
        26.0,
        1,
    );
    page.y -= 16.0;
    page.lines("This certifies that", small(13.0, MUTED), 13.0, 1);
    page.y -= 8.0;
    page.lines(&c.recipient, Style::new(34.0, Weight::Bold, BLACK), 20.0, 2);
    page.y -= 8.0;
    page.lines(&c.statement, small(13.0, MUTED), 11.0, 2);
    page.y -= 6.0;
    page.lines(
        &c.programme,
        Style::new(22.0, Weight::Bold, ACCENT),
        14.0,
        2,
    );
    page.y -= 18.0;
    let dates = match c.expires_on.as_deref().map(str::trim) {
        Some(expires) if !expires.is_empty() => {
            format!("Issued on {}  ·  Valid until {expires}", c.issued_on.trim())
        }
        _ => format!("Issued on {}", c.issued_on.trim()),
    };
    page.lines(&dates, small(11.0, BLACK), 9.0, 2);

    // The signature line sits low on the page, or below the text when names ran long.
    let sign_y = (62.0 * MM).min(page.y - 22.0);
    let half = 35.0 * MM;
    page.marks.push(Mark::Line {
        from: (width / 2.0 - half, sign_y),
        to: (width / 2.0 + half, sign_y),
        width: 0.6,
        colour: BLACK,
    });
    page.y = sign_y - 3.0;
    page.lines(
        &format!("Signed by {}", c.approved_by.trim()),
        small(11.0, BLACK),
        9.0,
        1,
    );

    page.y = 34.0 * MM;
    let id_line = format!(
        "Series {}  ·  Verification code {}",
        c.series_id.trim(),
        c.code.trim()
    );
    page.lines(&id_line, small(10.0, BLACK), 8.0, 1);
    page.lines(verify_hint, small(9.0, MUTED), 7.0, 1);

    Page {
        width,
        height,
        marks: page.marks,
    }
}

// --- Writing the PDF ----------------------------------------------------------------

/// Fixed resource names keep the output deterministic (printpdf's `add_font` picks random
/// ones); six capitals and a "+" also mark the embedded fonts as subsets, as PDF expects.
fn font_id(weight: Weight) -> FontId {
    FontId(
        match weight {
            Weight::Regular => "MDSANS",
            Weight::Bold => "MDBOLD",
        }
        .to_string(),
    )
}

fn write(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let fonts = fonts();
    let mut used: BTreeMap<Weight, BTreeSet<char>> = BTreeMap::new();
    for page in &pages {
        for mark in &page.marks {
            if let Mark::Text { style, text, .. } = mark {
                used.entry(style.weight).or_default().extend(text.chars());
            }
        }
    }

    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "Mentordesk".to_string();
    for (weight, chars) in &used {
        let font = embedded_font(fonts, *weight, chars);
        doc.resources
            .fonts
            .map
            .insert(font_id(*weight), PdfFont::new(font));
    }
    let pages = pages
        .into_iter()
        .map(|p| PdfPage::new(Mm(p.width / MM), Mm(p.height / MM), ops(p.marks)))
        .collect();
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    finish(&mut pdf, title);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .expect("writing a PDF into memory cannot fail");
    bytes
}

/// The font subset holding `chars`, with the glyph map and advance widths printpdf needs
/// (it reads neither from the font without its `text_layout` feature).
fn embedded_font(fonts: &Fonts, weight: Weight, chars: &BTreeSet<char>) -> ParsedFont {
    let (bytes, name) = match weight {
        Weight::Regular => (REGULAR_TTF, "DejaVuSans"),
        Weight::Bold => (BOLD_TTF, "DejaVuSans-Bold"),
    };
    let face = fonts.face(weight);
    let glyphs: Vec<(char, u16)> = chars
        .iter()
        .map(|&c| (c, face.glyph_index(c).map_or(0, |g| g.0)))
        .collect();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &(_, gid) in &glyphs {
        remapper.remap(gid);
    }
    // Subsetting the bundled fonts does not fail; if it ever did, embed the whole font.
    let subset = subsetter::subset(bytes, 0, &remapper).ok();
    let embedded_gid = |gid: u16| match subset {
        Some(_) => remapper.get(gid).unwrap_or(0),
        None => gid,
    };
    let mut cmap = BTreeMap::new();
    let mut widths = BTreeMap::new();
    for &(c, gid) in &glyphs {
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        cmap.insert(u32::from(c), embedded_gid(gid));
        widths.insert(embedded_gid(gid), advance);
    }
    let program = subset.unwrap_or_else(|| bytes.to_vec());

    // printpdf writes these to the font descriptor as they are, where PDF wants 1/1000 em.
    let upem = face.units_per_em();
    let per_mille = |v: i16| (i32::from(v) * 1000 / i32::from(upem)) as i16;
    let metrics = FontMetrics {
        ascent: per_mille(face.ascender()),
        descent: per_mille(face.descender()),
    };
    let mut font = ParsedFont::with_glyph_data(
        program,
        0,
        Some(name.to_string()),
        cmap,
        widths,
        upem,
        metrics,
    );
    let bbox = face.global_bounding_box();
    font.pdf_font_metrics = PdfFontMetricsStub {
        units_per_em: upem,
        x_min: per_mille(bbox.x_min),
        y_min: per_mille(bbox.y_min),
        x_max: per_mille(bbox.x_max),
        y_max: per_mille(bbox.y_max),
    };
    font
}

fn rgb(c: Colour) -> Color {
    Color::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

fn point((x, y): (f32, f32)) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// printpdf operations for one page, setting colour, font and line width only when they
/// change (they persist across text objects).
fn ops(marks: Vec<Mark>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(marks.len() * 5);
    let mut fill = None;
    let mut font = None;
    let mut stroke = None;
    let mut stroke_width = None;
    let mut set_stroke = |ops: &mut Vec<Op>, colour: Colour, width: f32| {
        if stroke != Some(colour) {
            ops.push(Op::SetOutlineColor { col: rgb(colour) });
            stroke = Some(colour);
        }
        if stroke_width != Some(width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            stroke_width = Some(width);
        }
    };
    for mark in marks {
        match mark {
            Mark::Text { x, y, style, text } => {
                if text.is_empty() {
                    continue;
                }
                if fill != Some(style.colour) {
                    ops.push(Op::SetFillColor {
                        col: rgb(style.colour),
                    });
                    fill = Some(style.colour);
                }
                ops.push(Op::StartTextSection);
                if font != Some((style.weight, style.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(style.weight)),
                        size: Pt(style.size),
                    });
                    font = Some((style.weight, style.size));
                }
                ops.push(Op::SetTextCursor {
                    pos: Point { x: Pt(x), y: Pt(y) },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text)],
                });
                ops.push(Op::EndTextSection);
            }
            Mark::Line {
                from,
                to,
                width,
                colour,
            } => {
                set_stroke(&mut ops, colour, width);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(from), point(to)],
                        is_closed: false,
                    },
                });
            }
            Mark::Frame {
                x,
                y,
                w,
                h,
                width,
                colour,
            } => {
                set_stroke(&mut ops, colour, width);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            point((x, y)),
                            point((x + w, y)),
                            point((x + w, y + h)),
                            point((x, y + h)),
                        ],
                        is_closed: true,
                    },
                });
            }
        }
    }
    ops
}

/// What printpdf 0.9 leaves undone: it writes every stream uncompressed (its `optimize`
/// option does nothing) and marks font programs as not to be compressed, which PDF allows
/// and viewers expect; it stamps 1970 as the creation date, a random file ID, and an empty
/// PDF/X version.
fn finish(pdf: &mut lopdf::Document, title: &str) {
    let font_files: Vec<ObjectId> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"FontFile2").and_then(Object::as_reference).ok())
        .collect();
    for id in font_files {
        if let Ok(Object::Stream(stream)) = pdf.get_object_mut(id) {
            let length = stream.content.len() as i64;
            stream.dict.set("Length1", length);
            stream.allows_compression = true;
        }
    }
    pdf.compress();

    if let Ok(info) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(Object::Dictionary(info)) = pdf.get_object_mut(info) {
            // An empty GTS_PDFXVersion makes readers take the file for PDF/X.
            for key in [&b"CreationDate"[..], b"ModDate", b"GTS_PDFXVersion"] {
                info.remove(key);
            }
            let empty: Vec<Vec<u8>> = info
                .iter()
                .filter(|(_, v)| matches!(v, Object::String(s, _) if s.is_empty()))
                .map(|(k, _)| k.clone())
                .collect();
            for key in empty {
                info.remove(&key);
            }
        }
    }

    let mut hash = Sha256::new();
    hash.update(title.as_bytes());
    for object in pdf.objects.values() {
        if let Object::Stream(stream) = object {
            hash.update(&stream.content);
        }
    }
    let id = hash.finalize()[..16].to_vec();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    const HINT: &str = "Verify in Mentordesk → Certificates → Verify with this code";
    use std::time::Instant;

    const NAMES: [&str; 6] = [
        "Zoë Łukasiewicz",
        "José Núñez",
        "Ōtsuka Haruki",
        "Nguyễn Thị Minh",
        "Søren Ødegård",
        "Ελένη Παπαδοπούλου",
    ];

    /// Runs poppler's `pdftotext -layout` on `pdf` (and `pdfinfo`/`pdffonts` when asked):
    /// what a reader's tools get out of the file, not what we think we wrote.
    fn poppler(tool: &str, pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        std::fs::write(&path, pdf).unwrap();
        let mut cmd = Command::new(tool);
        match tool {
            "pdftotext" => cmd.args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-"),
            "pdfinfo" => cmd.args(["-enc", "UTF-8"]).arg(&path),
            _ => cmd.arg(&path),
        };
        let out = cmd.output().unwrap_or_else(|e| {
            panic!(
                "`{tool}` could not be run ({e}). It comes with Debian's poppler-utils: \
                 run scripts/setup.sh --for-tests, or apt-get install poppler-utils"
            )
        });
        assert!(
            out.status.success(),
            "{tool} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn pdftotext(pdf: &[u8]) -> String {
        poppler("pdftotext", pdf)
    }

    fn sample_certificate() -> CertificateDocument {
        CertificateDocument {
            programme: "Leadership Mentoring 2025 — Kraków cohort".into(),
            recipient: "Zoë Łukasiewicz".into(),
            statement: "has completed the programme".into(),
            issued_on: "14 March 2025".into(),
            expires_on: Some("14 March 2027".into()),
            series_id: "LM-2025-03".into(),
            code: "7KQ4-M2XD-93PA".into(),
            approved_by: "José Núñez, Programme manager".into(),
        }
    }

    fn columns() -> Vec<Column> {
        let col = |title: &str, width: f32, numeric: bool| Column {
            title: title.into(),
            width,
            numeric,
        };
        vec![
            col("#", 0.5, true),
            col("Mentee", 2.5, false),
            col("Sessions", 1.0, true),
            col("Hours", 1.0, true),
            col("Notes", 3.0, false),
        ]
    }

    fn row(i: usize) -> Vec<String> {
        let notes = if i % 7 == 3 {
            "Met every fortnight; moved to a new team halfway through and asked for help with \
             stakeholder maps, feedback conversations and planning the next quarter's goals, \
             which we covered in depth over several sessions"
        } else {
            "On track"
        };
        vec![
            (i + 1).to_string(),
            NAMES[i % NAMES.len()].to_string(),
            (i % 13 + 1).to_string(),
            format!("{:.1}", (i % 13 + 1) as f32 * 1.5),
            notes.to_string(),
        ]
    }

    fn report(rows: usize) -> Document {
        Document {
            title: "Meeting report — Łódź office".into(),
            footer: "Mentordesk · Leadership Mentoring 2025".into(),
            blocks: vec![
                Block::Heading("Summary".into()),
                Block::KeyValues(vec![
                    ("Programme".into(), "Leadership Mentoring 2025".into()),
                    ("Manager".into(), "Ōtsuka Haruki".into()),
                    ("Period".into(), "1 January – 31 March 2025".into()),
                ]),
                Block::Paragraph(
                    "Sessions held and hours logged per mentee this quarter. Figures come from \
                     confirmed sessions only; cancelled and declined ones are left out."
                        .into(),
                ),
                Block::Heading("Sessions per mentee".into()),
                Block::Table {
                    columns: columns(),
                    rows: (0..rows).map(row).collect(),
                },
            ],
        }
    }

    /// The line of `text` that holds `needle`.
    fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
    }

    #[test]
    fn certificate_prints_every_field_with_its_accents() {
        let pdf = certificate(&sample_certificate(), HINT);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdftotext(&pdf);
        for expected in [
            "Certificate of Completion",
            "Zoë Łukasiewicz",
            "has completed the programme",
            "Leadership Mentoring 2025 — Kraków cohort",
            "Issued on 14 March 2025",
            "Valid until 14 March 2027",
            "Signed by José Núñez, Programme manager",
            "LM-2025-03",
            "7KQ4-M2XD-93PA",
            "Verify in Mentordesk → Certificates → Verify with this code",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from:\n{text}"
            );
        }
        assert_eq!(text.matches('\u{c}').count(), 1, "one page:\n{text}");

        let info = poppler("pdfinfo", &pdf);
        assert!(
            line_with(&info, "Title:").contains("Zoë Łukasiewicz"),
            "{info}"
        );
        assert!(
            line_with(&info, "Page size:").contains("842 x 595 pts (A4)"),
            "{info}"
        );
        assert!(
            !info.contains("PDF/X"),
            "claims a standard it does not meet:\n{info}"
        );
        assert!(!info.contains("1970"), "{info}");
    }

    #[test]
    fn certificate_without_expiry_says_nothing_about_it() {
        let mut c = sample_certificate();
        c.expires_on = None;
        let text = pdftotext(&certificate(&c, HINT));
        assert!(text.contains("Issued on 14 March 2025"));
        assert!(!text.contains("Valid until"), "{text}");
    }

    #[test]
    fn certificate_fits_long_names_on_the_page() {
        let mut c = sample_certificate();
        c.recipient = "Maria Aleksandra Łukasiewicz-Wróblewska de Nguyễn y Núñez".into();
        c.programme = "Cross-functional leadership, negotiation and stakeholder management \
                       programme for new managers, autumn intake"
            .into();
        let pdf = certificate(&c, HINT);
        let text = pdftotext(&pdf);
        assert!(text.contains("Łukasiewicz-Wróblewska"), "{text}");
        assert!(text.contains("7KQ4-M2XD-93PA"), "{text}");
        for mark in &certificate_page(&c, HINT).marks {
            if let Mark::Text { x, style, text, .. } = mark {
                let right = x + fonts().width(style, text);
                assert!(
                    *x >= 35.0 * MM - 0.5 && right <= (297.0 - 35.0) * MM + 0.5,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn report_table_flows_over_pages_with_its_header_repeated() {
        let pdf = render(&report(120));
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdftotext(&pdf);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let count = pages.len();

        assert!(pages[0].contains("Meeting report — Łódź office"));
        assert!(line_with(pages[0], "Manager:").contains("Ōtsuka Haruki"));
        for (i, page) in pages.iter().enumerate() {
            let header = line_with(page, "Mentee");
            for title in ["#", "Sessions", "Hours", "Notes"] {
                assert!(header.contains(title), "page {}: {header}", i + 1);
            }
            let footer = format!(
                "Mentordesk · Leadership Mentoring 2025 · Page {} of {count}",
                i + 1
            );
            assert!(page.contains(&footer), "page {}:\n{page}", i + 1);
        }
        assert!(pages[1].contains("Page 2 of"));

        // Row 1 on page 1, and the last row on the last page, each on one line.
        let first = line_with(pages[0], "Zoë Łukasiewicz");
        for cell in ["1", "Zoë Łukasiewicz", "1.5", "On track"] {
            assert!(first.contains(cell), "{first}");
        }
        let last = line_with(pages[count - 1], "120 ");
        for cell in ["120", NAMES[119 % 6], "3", "4.5", "On track"] {
            assert!(last.contains(cell), "{last}");
        }
        // Every name arrives intact, and every row is printed once.
        for name in NAMES {
            assert!(text.contains(name), "{name} missing");
        }
        for i in 1..=120 {
            let numbered = text
                .lines()
                .filter(|l| l.trim_start().starts_with(&format!("{i} ")))
                .count();
            assert_eq!(numbered, 1, "row {i}");
        }
        // A long note wraps and, past three lines, ends in "…".
        assert!(text.contains("stakeholder maps"), "{text}");
        assert!(text.contains('…'), "{text}");
    }

    #[test]
    fn fonts_are_embedded_as_unicode_subsets() {
        let pdf = render(&report(30));
        let fonts = poppler("pdffonts", &pdf);
        let embedded: Vec<&str> = fonts.lines().filter(|l| l.contains("DejaVuSans")).collect();
        assert_eq!(embedded.len(), 2, "{fonts}");
        for line in embedded {
            // name, type "CID TrueType", encoding "Identity-H", then emb sub uni: yes yes yes.
            assert!(line.contains("CID TrueType"), "{line}");
            assert!(line.contains("yes yes yes"), "{line}");
            assert!(
                line.starts_with("MDSANS+") || line.starts_with("MDBOLD+"),
                "{line}"
            );
        }
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        assert_eq!(render(&report(50)), render(&report(50)));
        assert_eq!(
            certificate(&sample_certificate(), HINT),
            certificate(&sample_certificate(), HINT)
        );
        assert_ne!(render(&report(50)), render(&report(51)));
    }

    #[test]
    fn files_stay_small() {
        let cert = certificate(&sample_certificate(), HINT);
        let mut rows = 1;
        let three_pages = loop {
            let pdf = render(&report(rows));
            if pdftotext(&pdf).contains("Page 3 of 3") {
                break pdf;
            }
            rows += 10;
        };
        println!(
            "certificate: {} bytes; 3-page report ({rows} rows): {} bytes",
            cert.len(),
            three_pages.len()
        );
        assert!(cert.len() < 60_000, "certificate is {} bytes", cert.len());
        assert!(
            three_pages.len() < 80_000,
            "report is {} bytes",
            three_pages.len()
        );
    }

    #[test]
    fn two_thousand_rows_render_in_reasonable_time() {
        let doc = report(2000);
        let started = Instant::now();
        let pdf = render(&doc);
        let elapsed = started.elapsed();
        let text = pdftotext(&pdf);
        let pages = text.matches('\u{c}').count();
        println!(
            "2,000 rows: {pages} pages, {} bytes, rendered in {elapsed:?} ({} build)",
            pdf.len(),
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
        );
        assert!(text.contains(&format!("Page {pages} of {pages}")));
        let last = line_with(&text, "2000 ");
        assert!(last.contains(NAMES[1999 % 6]), "{last}");
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = fonts();
        // A fixed-width guess would make these equal.
        assert!(f.width(&BODY, "iiiiiiiiii") * 2.0 < f.width(&BODY, "WWWWWWWWWW"));
        // DejaVu Sans: "W" advances 2025 of 2048 units, "i" 569.
        assert!((f.width(&BODY, "W") - 10.0 * 2025.0 / 2048.0).abs() < 0.01);
        assert!((f.width(&BODY, "i") - 10.0 * 569.0 / 2048.0).abs() < 0.01);
        assert!(f.width(&LABEL, "Mentee") > f.width(&BODY, "Mentee"));
    }

    #[test]
    fn wrapping_fills_lines_without_overflowing() {
        let f = fonts();
        let text =
            "Sessions held and hours logged per mentee this quarter, from confirmed sessions only";
        let max = 120.0;
        let lines = f.wrap(&BODY, text, max);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        for pair in lines.windows(2) {
            assert!(f.width(&BODY, &pair[0]) <= max);
            // The next word would not have fitted.
            let next_word = pair[1].split(' ').next().unwrap();
            assert!(f.width(&BODY, &format!("{} {next_word}", pair[0])) > max);
        }
        // A word longer than a line breaks between characters.
        let long = f.wrap(&BODY, "Łukasiewicz-Wróblewska-Nguyễn", 40.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Łukasiewicz-Wróblewska-Nguyễn");
        assert!(long.iter().all(|l| f.width(&BODY, l) <= 40.0));
        assert!(f.wrap(&BODY, "   ", 40.0).is_empty());

        let short = f.shorten(&BODY, "1234567890123456", 40.0);
        assert!(
            short.ends_with('…') && f.width(&BODY, &short) <= 40.0,
            "{short}"
        );
        assert_eq!(f.shorten(&BODY, "12.5", 40.0), "12.5");
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let pages = layout(&report(5));
        let col_w = TEXT_W / 8.0; // weights 0.5 + 2.5 + 1 + 1 + 3
        let sessions_right = LEFT + col_w * 4.0 - CELL_PAD_X; // after "#" and "Mentee"
        let mut checked = 0;
        for mark in &pages[0].marks {
            if let Mark::Text { x, style, text, .. } = mark {
                if *style == CELL && *x > LEFT + col_w * 3.0 && *x < sessions_right {
                    let right = x + fonts().width(style, text);
                    assert!(
                        (right - sessions_right).abs() < 0.01,
                        "{text:?} ends at {right}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 5);
    }

    fn page_texts(page: &Page) -> Vec<&str> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_stays_with_the_table_below_it() {
        // Push the heading down the first page line by line, past the point it must move.
        for filler in 0..60 {
            let doc = Document {
                title: String::new(),
                footer: String::new(),
                blocks: vec![
                    Block::Paragraph("Line\n".repeat(filler)),
                    Block::Heading("Figures".into()),
                    Block::Table {
                        columns: columns(),
                        rows: (3..6).map(row).collect(),
                    },
                ],
            };
            let pages = layout(&doc);
            let with_heading = pages
                .iter()
                .find(|p| page_texts(p).contains(&"Figures"))
                .unwrap();
            let texts = page_texts(with_heading);
            assert!(
                texts.contains(&"Mentee"),
                "{filler} lines: header parted from heading"
            );
            assert!(
                texts.iter().any(|t| t.starts_with("Met every fortnight")),
                "{filler} lines: first row parted from heading"
            );
        }
    }

    #[test]
    fn a_long_footer_is_shortened_but_the_page_count_stays() {
        let doc = Document {
            title: "Report".into(),
            footer: "Leadership Mentoring 2025 ".repeat(12),
            blocks: vec![],
        };
        let pages = layout(&doc);
        let footer = *page_texts(&pages[0]).last().unwrap();
        assert!(footer.ends_with("… · Page 1 of 1"), "{footer}");
        assert!(fonts().width(&FOOTER, footer) <= TEXT_W);
    }

    #[test]
    fn missing_glyphs_and_control_characters_do_not_break_the_file() {
        let doc = Document {
            title: "漢字 report".into(),
            footer: String::new(),
            blocks: vec![
                Block::Paragraph(
                    "Tab\there, bell\u{7} gone, emoji 🙂 and 中文 replaced.\n\nNew paragraph."
                        .into(),
                ),
                Block::Table {
                    columns: vec![],
                    rows: vec![vec!["ignored".into()]],
                },
                Block::Table {
                    columns: columns(),
                    rows: vec![vec!["1".into()], vec![]],
                },
                Block::KeyValues(vec![(
                    "A label far too long to sit beside its value on one line, so it gets its own"
                        .into(),
                    "value".into(),
                    ),
                    (" ".into(), "an unlabelled value".into()),
                ]),
            ],
        };
        let text = pdftotext(&render(&doc));
        assert!(
            text.contains("Tab here, bell gone, emoji � and �� replaced."),
            "{text}"
        );
        assert!(text.contains("New paragraph."), "{text}");
        assert!(text.contains("Page 1 of 1"), "{text}");
        assert!(!text.contains("ignored"), "{text}");
        assert!(text.contains("value"), "{text}");
        assert!(line_with(&text, "an unlabelled value")
            .trim_start()
            .starts_with("an unlabelled"));
    }
}
