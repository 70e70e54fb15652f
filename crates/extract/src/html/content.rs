//! Main content: text runs, Readability-style scoring, sibling merging, and
//! a final filter of boilerplate lines.
//!
//! Method (Mozilla Readability, `grabArticle`): every text run of at least
//! [`MIN_RUN`] characters scores `1 + commas + min(chars/100, 3)` and gives it
//! to its container (full), the container's parent (half) and up to three
//! more ancestors (`1/(3·level)`); a candidate's total is scaled by
//! `1 - link density`. The best candidate, and those of its siblings that
//! score close to it or hold plain prose, are the article.

use super::dom::{Attribute, Dom, Kind};
use super::rules;

/// Shortest run (in chars) that scores as a paragraph.
const MIN_RUN: usize = 25;
/// Ancestor levels that receive a run's score.
const SCORE_LEVELS: usize = 5;
/// A run whose link text is more than this share of its text is dropped.
const MAX_RUN_LINK_DENSITY: f32 = 0.5;
/// The lenient pass (class-marked boilerplate kept) wins only with this many
/// times the strict pass's text.
const LENIENT_GAIN: usize = 2;
/// An <article> holding the headline needs this many chars to be the anchor.
const MIN_ANCHOR_CHARS: usize = 200;
/// A container's positive tag/class weight counts from this many chars of text.
const MIN_WEIGHTED_CHARS: usize = 140;
/// Below this many chars, the strict pass is redone without class-based removal.
const MIN_ARTICLE_CHARS: usize = 400;

/// A run of inline text between two block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    /// Innermost block element holding the run.
    pub owner: usize,
    /// Where each text node's contribution starts: (byte offset in `text`,
    /// arena index of the text node), in order.
    pub segs: Vec<(usize, usize)>,
    /// Whitespace-folded text.
    pub text: String,
    /// Chars of the text.
    pub chars: usize,
    /// Chars inside links.
    pub link_chars: usize,
}

/// Fold a text: any whitespace run (NBSP and other Unicode spaces included)
/// becomes one space; zero-width characters and soft hyphens go.
pub(crate) fn fold_into(out: &mut String, s: &str, pending_space: &mut bool) {
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}' {
            *pending_space = true;
        } else if matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2060}') {
            continue;
        } else {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.push(c);
        }
    }
}

/// Cut the page into text runs (document order). `strict` also skips
/// class-marked boilerplate; `reveal` reads hidden elements.
pub(crate) fn runs(dom: &Dom, strict: bool, reveal: bool) -> Vec<Run> {
    let mut out = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    let mut cur = Run {
        owner: usize::MAX,
        segs: Vec::new(),
        text: String::new(),
        chars: 0,
        link_chars: 0,
    };
    let mut pending = false;
    let mut link_end = 0usize;
    let flush = |cur: &mut Run, out: &mut Vec<Run>, owner: usize, pending: &mut bool| {
        if !cur.text.is_empty() {
            cur.owner = owner;
            cur.chars = cur.text.chars().count();
            out.push(std::mem::replace(
                cur,
                Run {
                    owner: usize::MAX,
                    segs: Vec::new(),
                    text: String::new(),
                    chars: 0,
                    link_chars: 0,
                },
            ));
        }
        *pending = false;
    };
    for (i, n) in dom.nodes.iter().enumerate() {
        while let Some(&b) = blocks.last() {
            if dom.nodes[b].end <= i {
                flush(&mut cur, &mut out, b, &mut pending);
                blocks.pop();
            } else {
                break;
            }
        }
        let hard = if reveal { n.structural } else { n.hard };
        let skipped = hard || (strict && n.soft);
        match n.kind {
            Kind::Elem(e) => {
                let tag = e.name();
                if rules::is_block(tag) {
                    let owner = blocks.last().copied().unwrap_or(usize::MAX);
                    flush(&mut cur, &mut out, owner, &mut pending);
                    blocks.push(i);
                } else if tag == "br" {
                    let owner = blocks.last().copied().unwrap_or(usize::MAX);
                    flush(&mut cur, &mut out, owner, &mut pending);
                } else if tag == "a" && i >= link_end {
                    link_end = n.end;
                } else if tag == "img" && !skipped {
                    pending = true;
                }
            }
            Kind::Text(t) => {
                if skipped {
                    continue;
                }
                let before = cur.text.len();
                cur.segs.push((before, i));
                fold_into(&mut cur.text, t, &mut pending);
                if i < link_end {
                    cur.link_chars += cur.text[before..].chars().count();
                }
            }
        }
    }
    while let Some(b) = blocks.pop() {
        flush(&mut cur, &mut out, b, &mut pending);
    }
    let owner = usize::MAX;
    flush(&mut cur, &mut out, owner, &mut pending);
    out
}

/// The article's runs: the best-scoring container and its merged siblings.
///
/// Fallbacks when the strict pass finds less than [`MIN_ARTICLE_CHARS`]:
/// a lenient pass keeping class-marked boilerplate, then (when the page
/// hides elements) a pass reading hidden elements; a fallback wins only
/// with [`LENIENT_GAIN`] times the text found so far.
pub(crate) fn article_runs(dom: &Dom) -> Vec<Run> {
    let strict = select(dom, runs(dom, true, false), false);
    let chars: usize = strict.iter().map(|r| r.chars).sum();
    if chars >= MIN_ARTICLE_CHARS {
        return strict;
    }
    let mut best = strict;
    let mut best_chars = chars;
    let hides = dom.nodes.iter().any(|n| n.hidden && !n.structural);
    for (strict, reveal) in [(false, false), (true, true), (false, true)] {
        if reveal && !hides {
            break;
        }
        let alt = select(dom, runs(dom, strict, reveal), reveal);
        let alt_chars: usize = alt.iter().map(|r| r.chars).sum();
        if alt_chars > best_chars * LENIENT_GAIN {
            best = alt;
            best_chars = alt_chars;
        }
    }
    best
}

/// The main content of a page that is not one article (a forum thread, a
/// listing, a product page): every run outside hard boilerplate
/// (navigation, header, footer; class-marked boilerplate is kept: posts and
/// items are often classed "comment", "related", "card"), restricted to the
/// page's `<main>` element (or `role="main"`) when that holds at least
/// [`MAIN_MIN_SHARE`] of the text.
pub(crate) fn inclusive_runs(dom: &Dom) -> Vec<Run> {
    let all: Vec<Run> = runs(dom, false, false)
        .into_iter()
        .filter(keep_run)
        .collect();
    let total: usize = all.iter().map(|r| r.chars).sum();
    let main = dom.nodes.iter().position(|n| {
        n.tag() == "main" || n.elem().and_then(|e| e.attribute("role")) == Some("main")
    });
    if let Some(m) = main {
        let end = dom.nodes[m].end;
        let inside = |r: &Run| r.owner >= m && r.owner < end;
        let c: usize = all.iter().filter(|r| inside(r)).map(|r| r.chars).sum();
        if c as f32 >= total as f32 * MAIN_MIN_SHARE {
            return all.into_iter().filter(inside).collect();
        }
    }
    all
}

/// Share of the page's text a `<main>` element must hold to bound the
/// inclusive content.
const MAIN_MIN_SHARE: f32 = 0.3;

fn select(dom: &Dom, runs: Vec<Run>, reveal: bool) -> Vec<Run> {
    let n = dom.nodes.len();
    let hard = |i: usize| {
        let x = &dom.nodes[i];
        if reveal { x.structural } else { x.hard }
    };
    if n == 0 || runs.is_empty() {
        return Vec::new();
    }
    let mut score = vec![f32::NAN; n];
    // Subtree text and link chars.
    let mut chars = vec![0usize; n];
    let mut link = vec![0usize; n];
    // Runs, runs ending a sentence, and runs holding a full stop, per subtree.
    let mut nruns = vec![0u32; n];
    let mut nend = vec![0u32; n];
    let mut nperiod = vec![0u32; n];
    // Chars of prose runs (see `is_prose`) and of link text, per subtree.
    let mut prose = vec![0usize; n];
    for r in &runs {
        if r.owner < n {
            if is_prose(r) {
                prose[r.owner] += r.chars;
            }
            chars[r.owner] += r.chars;
            link[r.owner] += r.link_chars;
            nruns[r.owner] += 1;
            if ends_sentence_text(&r.text) {
                nend[r.owner] += 1;
            }
            if r.text.ends_with('.') || r.text.contains(". ") {
                nperiod[r.owner] += 1;
            }
        }
    }
    // <article> elements per subtree (a parent holding several is a feed).
    let mut narticle: Vec<u32> = dom
        .nodes
        .iter()
        .map(|x| u32::from(x.tag() == "article"))
        .collect();
    for i in (0..n).rev() {
        let p = dom.nodes[i].parent;
        if p < n {
            narticle[p] += narticle[i];
            chars[p] += chars[i];
            prose[p] += prose[i];
            link[p] += link[i];
            nruns[p] += nruns[i];
            nend[p] += nend[i];
            nperiod[p] += nperiod[i];
        }
    }
    // A container's initial weight (tag and class); a positive weight
    // counts only for a container holding at least [`MIN_WEIGHTED_CHARS`]
    // (a one-line "Last updated" box with a `content` class is no article).
    let init = |i: usize, score: &mut Vec<f32>| {
        if score[i].is_nan() {
            let node = &dom.nodes[i];
            let w = node
                .elem()
                .map(|e| rules::tag_weight(e.name()) + rules::class_weight(e))
                .unwrap_or(0.0);
            score[i] = if chars[i] < MIN_WEIGHTED_CHARS {
                w.min(0.0)
            } else {
                w
            };
        }
    };
    for r in &runs {
        if r.chars < MIN_RUN || r.owner >= n {
            continue;
        }
        let owner = &dom.nodes[r.owner];
        if matches!(
            owner.tag(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "th" | "dt"
        ) {
            continue;
        }
        let commas = r
            .text
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
            .count();
        let s = 1.0 + commas as f32 + (r.chars / 100).min(3) as f32;
        // A div holding both text and blocks is itself the paragraph's parent.
        let mut anc = if owner.block_child {
            r.owner
        } else {
            owner.parent
        };
        let mut level = 0;
        while anc < n && level < SCORE_LEVELS {
            let t = dom.nodes[anc].tag();
            if t == "html" {
                break;
            }
            init(anc, &mut score);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc] += s / div;
            anc = dom.nodes[anc].parent;
            level += 1;
        }
    }
    let density = |i: usize| {
        if chars[i] == 0 {
            0.0
        } else {
            link[i] as f32 / chars[i] as f32
        }
    };
    let mut fin = vec![f32::NAN; n];
    let mut top = usize::MAX;
    for i in 0..n {
        if score[i].is_nan() {
            continue;
        }
        fin[i] = score[i] * (1.0 - density(i));
        if top == usize::MAX || fin[i] > fin[top] {
            top = i;
        }
    }
    if top == usize::MAX {
        // No paragraph long enough: keep every run outside boilerplate.
        return runs.into_iter().filter(keep_run).collect();
    }
    // Climb while the parent scores higher (Readability's "scores increasing" walk).
    let mut last = fin[top];
    let mut p = dom.nodes[top].parent;
    while p < n && dom.nodes[p].tag() != "body" && dom.nodes[p].tag() != "html" {
        if fin[p].is_nan() {
            p = dom.nodes[p].parent;
            continue;
        }
        if fin[p] < last / 3.0 {
            break;
        }
        if fin[p] > last {
            top = p;
            break;
        }
        last = fin[p];
        p = dom.nodes[p].parent;
    }
    // Climb through parents that hold nothing but the candidate.
    loop {
        let p = dom.nodes[top].parent;
        if p >= n || matches!(dom.nodes[p].tag(), "body" | "html") {
            break;
        }
        if chars[p] == chars[top] {
            top = p;
        } else {
            break;
        }
    }
    // Prose climb: page builders (block editors, Elementor-like widgets)
    // wrap every paragraph of one article in its own nest of containers, so
    // the best-scoring container holds one section of it. Climb while the
    // parent adds prose and what it adds is mostly prose with few links.
    top = climb_prose(dom, top, &chars, &prose, &link, &narticle, reveal);
    // Headline anchor: when the first <h1> sits in an <article> that holds
    // prose and the winner lies outside it (a "related posts" block scored
    // higher than a short post), the headline's article wins.
    if let Some(h1) = (0..n).find(|&i| dom.nodes[i].tag() == "h1" && !hard(i)) {
        let mut a = dom.nodes[h1].parent;
        while a < n && dom.nodes[a].tag() != "article" {
            a = dom.nodes[a].parent;
        }
        let inside = |x: usize, anc: usize| x >= anc && x < dom.nodes[anc].end;
        if a < n && chars[a] >= MIN_ANCHOR_CHARS && !inside(top, a) && !inside(a, top) {
            top = a;
        }
    }
    // Sibling merge.
    let parent = dom.nodes[top].parent;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if parent < n {
        let threshold = (fin[top] * 0.2).max(10.0);
        let top_class = dom.nodes[top]
            .elem()
            .and_then(|e| e.attribute("class"))
            .unwrap_or("");
        let mut i = parent + 1;
        let pend = dom.nodes[parent].end;
        while i < pend {
            let node = &dom.nodes[i];
            let next = node.end;
            if i == top {
                ranges.push((i, next));
            } else if node.elem().is_some() && !hard(i) && chars[i] > 0 && node.tag() != "article" {
                let mut bonus = 0.0;
                if !top_class.is_empty()
                    && node.elem().and_then(|e| e.attribute("class")) == Some(top_class)
                {
                    bonus = fin[top] * 0.2;
                }
                let s = if fin[i].is_nan() { 0.0 } else { fin[i] };
                let d = density(i);
                // A <p>, or a <div> holding only phrasing content (Readability
                // reads such a div as a paragraph).
                let para = node.tag() == "p"
                    || (matches!(node.tag(), "div" | "section") && !node.block_child);
                let append = s + bonus >= threshold
                    || (para && chars[i] > 80 && d < 0.25)
                    || (para && chars[i] <= 80 && d == 0.0 && nperiod[i] > 0);
                if append {
                    ranges.push((i, next));
                }
            }
            i = next;
        }
    } else {
        ranges.push((top, dom.nodes[top].end));
    }
    // Conditional cleaning (Readability's `_cleanConditionally`): inside the
    // article, drop containers that read as link lists or teaser lists.
    let selected: usize = ranges.iter().map(|&(a, _)| chars[a]).sum();
    let mut removed: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &ranges {
        let mut i = a + 1;
        while i < b {
            let node = &dom.nodes[i];
            if CLEAN_TAGS.contains(&node.tag())
                && chars[i] > 0
                && (chars[i] as f32) < selected as f32 * CLEAN_MAX_SHARE
            {
                let d = density(i);
                let runs_i = nruns[i] as f32;
                let teaser = !matches!(node.tag(), "ul" | "ol" | "dl" | "table")
                    && nruns[i] >= TEASER_MIN_RUNS
                    && (nend[i] as f32) < runs_i * TEASER_MAX_SENTENCE_SHARE
                    && (chars[i] as f32) / runs_i < TEASER_MAX_AVG_CHARS;
                let linky = d > CLEAN_LINK_DENSITY && chars[i] < CLEAN_MAX_CHARS;
                if teaser || linky {
                    removed.push((i, node.end));
                    i = node.end;
                    continue;
                }
            }
            i += 1;
        }
    }
    // Per-node mask: inside a selected range and outside every removed one.
    let mut keep = vec![false; n];
    for &(a, b) in &ranges {
        keep[a..b.min(n)].iter_mut().for_each(|k| *k = true);
    }
    for &(a, b) in &removed {
        keep[a..b.min(n)].iter_mut().for_each(|k| *k = false);
    }
    runs.into_iter()
        .filter(|r| keep.get(r.owner).copied().unwrap_or(false))
        .filter(keep_run)
        .collect()
}

/// A prose run: long enough, few links, reads like a sentence.
pub(crate) fn is_prose(r: &Run) -> bool {
    r.chars >= MIN_RUN
        && (r.link_chars as f32) < r.chars as f32 * PROSE_MAX_LINK_DENSITY
        && (r.chars >= PROSE_MIN_CHARS || ends_sentence_text(&r.text))
}

/// A run of at least this many chars counts as prose even without a full stop.
const PROSE_MIN_CHARS: usize = 120;
/// A prose run's link text stays below this share of it.
const PROSE_MAX_LINK_DENSITY: f32 = 0.3;
/// The climb takes a parent only when its added text is at least this share prose...
const CLIMB_MIN_PROSE_SHARE: f32 = 0.5;
/// ...with at most this share of link text...
const CLIMB_MAX_LINK_SHARE: f32 = 0.3;
/// ...and it adds at least this many chars of prose.
const CLIMB_MIN_GAIN: usize = 60;

/// Climb from `top` to ancestors whose added text (beyond the current
/// candidate) is mostly prose; parents that add nothing are passed through.
///
/// An `<article>` is a boundary: the climb never leaves one, nor takes a
/// parent holding another `<article>` (a feed of posts or teasers).
fn climb_prose(
    dom: &Dom,
    mut top: usize,
    chars: &[usize],
    prose: &[usize],
    link: &[usize],
    narticle: &[u32],
    reveal: bool,
) -> usize {
    let n = dom.nodes.len();
    let mut p = dom.nodes[top].parent;
    while p < n
        && !matches!(dom.nodes[p].tag(), "body" | "html")
        && !(if reveal {
            dom.nodes[p].structural
        } else {
            dom.nodes[p].hard
        })
        && dom.nodes[top].tag() != "article"
        && narticle[p] == narticle[top] + u32::from(dom.nodes[p].tag() == "article")
    {
        let added = chars[p] - chars[top];
        let added_prose = prose[p] - prose[top];
        let added_link = link[p].saturating_sub(link[top]);
        if added == 0 {
            p = dom.nodes[p].parent;
            continue;
        }
        // a parent adding only a little link-free text (the section's
        // heading, a caption) is climbed through: the next parent decides
        let small = added < CLIMB_MIN_GAIN && added_link == 0 && {
            // everything the parent adds sits in headings
            let (mut i, mut heading) = (p + 1, 0);
            while i < dom.nodes[p].end {
                if i == top {
                    i = dom.nodes[top].end;
                } else if matches!(dom.nodes[i].tag(), "h2" | "h3" | "h4" | "h5" | "h6") {
                    heading += chars[i];
                    i = dom.nodes[i].end;
                } else {
                    i += 1;
                }
            }
            heading == added
        };
        let ok = small
            || added_prose >= CLIMB_MIN_GAIN
                && added_prose as f32 >= added as f32 * CLIMB_MIN_PROSE_SHARE
                && (added_link as f32) <= added as f32 * CLIMB_MAX_LINK_SHARE;
        if !ok {
            break;
        }
        top = p;
        p = dom.nodes[p].parent;
    }
    top
}

/// Containers that conditional cleaning may drop.
const CLEAN_TAGS: &[&str] = &[
    "div", "section", "ul", "ol", "table", "dl", "header", "article", "aside", "center",
];
/// Conditional cleaning never drops a container holding this share of the article.
const CLEAN_MAX_SHARE: f32 = 0.5;
/// A container is a teaser list with at least this many runs...
const TEASER_MIN_RUNS: u32 = 3;
/// ...of which fewer than this share end a sentence...
const TEASER_MAX_SENTENCE_SHARE: f32 = 0.25;
/// ...and whose runs average fewer chars than this.
const TEASER_MAX_AVG_CHARS: f32 = 60.0;
/// A container with more link text than this share is a link list...
const CLEAN_LINK_DENSITY: f32 = 0.5;
/// ...unless it holds at least this many chars.
const CLEAN_MAX_CHARS: usize = 2000;

/// True when a run ends like a sentence (or a quoted sentence).
fn ends_sentence_text(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with([
        '.', '!', '?', '…', '"', '”', '»', '“', ')', ':', ';', '。', '！', '？',
    ])
}

fn keep_run(r: &Run) -> bool {
    if r.chars == 0 {
        return false;
    }
    if r.link_chars as f32 > r.chars as f32 * MAX_RUN_LINK_DENSITY {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn texts(runs: &[Run]) -> Vec<String> {
        runs.iter().map(|r| r.text.trim().to_string()).collect()
    }

    /// A thread: every post, inside `<main>`, is the content; the navigation
    /// outside it and the hard boilerplate are not.
    #[test]
    fn inclusive_runs_take_every_post_inside_main() {
        let page = Html::parse_document(
            "<html><body><nav><a href=/>Home</a> <a href=/t>Topics</a></nav>\
             <div class=sidebar><p>Sidebar teaser text that is not part of the thread at all.</p><p>More sidebar text to keep the main region small.</p></div>\
             <main><h1>Which rug?</h1>\
             <div class=comment><p>First post: I want a rug that survives a dog.</p></div>\
             <div class=comment><p>Reply: a flat weave one.</p></div>\
             <div class=comment><p>Reply: wool, washed often.</p></div></main>\
             <footer><p>Terms and privacy</p></footer></body></html>",
        );
        let dom = crate::html::dom::build(&page);
        let t = texts(&inclusive_runs(&dom));
        for want in ["First post", "Reply: a flat", "Reply: wool"] {
            assert!(t.iter().any(|x| x.starts_with(want)), "{want} not in {t:?}");
        }
        assert!(
            !t.iter()
                .any(|x| x.contains("Home") || x.contains("Sidebar") || x.contains("Terms")),
            "{t:?}"
        );
    }

    /// A page builder's rows (Divi-like `row > column > module`): each row
    /// holds a heading module and a text module; the heading alone does not
    /// stop the climb to the rows' container, so every row is kept.
    #[test]
    fn a_heading_beside_the_text_does_not_stop_the_climb() {
        let para = |w: &str| {
            format!(
                "<p>The {w} sockets hold each switch by its pins, and a reader can pull one out \
                 and press another in without solder, which is why builders like them.</p>"
            )
        };
        let row = |h: &str, body: String| {
            format!(
                "<div class=\"pb_row\"><div class=\"pb_column\">\
                 <div class=\"pb_module pb_text\"><div class=\"pb_text_inner\"><h2>{h}</h2></div></div>\
                 <div class=\"pb_module pb_text\"><div class=\"pb_text_inner\">{body}</div></div>\
                 </div></div>"
            )
        };
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/shop>Shop</a></nav>\
             <div class=\"pb_section\"><h1>Hot-swap keyboards</h1>{}{}</div>\
             <footer><p>Terms and privacy</p></footer></body></html>",
            row("The idea", para("first")),
            row(
                "How it works",
                [para("second"), para("third"), para("fourth")].concat()
            ),
        );
        let text = crate::html::extract(&html, None).text;
        for w in ["The first", "The second", "The fourth", "The idea"] {
            assert!(text.contains(w), "{w} not in {text:?}");
        }
        assert!(!text.contains("Terms"), "{text:?}");
    }
}
