//! A flat pre-order arena over the html5ever DOM: one traversal of the parsed
//! tree gives every element and text node an index, its parent and the end of
//! its subtree, and the boilerplate flags it inherits. Everything else
//! (scoring, text runs, metadata) is a linear pass over this arena.

use super::rules;
use scraper::node::Element;
use scraper::{Html, Node as DomNode};

/// Attribute lookup by name without interning the name: scraper's
/// `Element::attr` makes a `QualName` atom of the name on every call (a hash
/// and a lock), which showed in profiles; pages keep few attributes after
/// the prefilter, so a scan is cheaper. Same result as `attr`: the value of
/// the attribute with no namespace and no prefix whose local name is `name`.
pub(crate) trait Attribute {
    /// The value of the attribute `name` (exact, lower-case name), if any.
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl Attribute for Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
            .map(|(_, v)| &**v)
    }
}

/// What a node is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind<'a> {
    /// An element (lower-case tag name).
    Elem(&'a Element),
    /// A text node, its decoded text.
    Text(&'a str),
}

/// One node of the arena.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node<'a> {
    /// Element or text.
    pub kind: Kind<'a>,
    /// Parent index (`usize::MAX` for the root element).
    pub parent: usize,
    /// One past the last index of this node's subtree.
    pub end: usize,
    /// Inside an element that is never content (nav, footer, form controls,
    /// hidden elements...): `structural || hidden`.
    pub hard: bool,
    /// Inside an element that is never content by tag or role (not merely
    /// hidden). A `<main>` or `<article>` clears it: pages misnest the whole
    /// article inside an `<aside>` banner, a `<nav>` or an unclosed dialog
    /// (`role="main"` clears it too).
    pub structural: bool,
    /// Inside an element the page hides ([`rules::is_hidden`]).
    pub hidden: bool,
    /// Inside an element whose class/id/role marks it as boilerplate
    /// (share, related, comments, sidebar...).
    pub soft: bool,
    /// This element has a block-level element among its children.
    pub block_child: bool,
}

impl<'a> Node<'a> {
    /// Lower-case tag name, `""` for text.
    pub fn tag(&self) -> &'a str {
        match self.kind {
            Kind::Elem(e) => e.name(),
            Kind::Text(_) => "",
        }
    }
    /// The element, if this is one.
    pub fn elem(&self) -> Option<&'a Element> {
        match self.kind {
            Kind::Elem(e) => Some(e),
            Kind::Text(_) => None,
        }
    }
}

/// The arena plus what the same traversal collected for the metadata.
#[derive(Debug, Default)]
pub(crate) struct Dom<'a> {
    /// Nodes in document (pre-)order.
    pub nodes: Vec<Node<'a>>,
    /// Texts of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<String>,
    /// The `<title>` text.
    pub title: Option<String>,
}

/// Build the arena from a parsed page.
pub(crate) fn build<'a>(page: &'a Html) -> Dom<'a> {
    use ego_tree::iter::Edge;
    let mut dom = Dom::default();
    let mut stack: Vec<usize> = Vec::new();
    // Depth (in open elements) of a skipped element whose contents are ignored.
    let mut skip: Option<usize> = None;
    let mut open_elems = 0usize;
    let mut class_cache = std::collections::HashMap::new();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                DomNode::Element(e) => {
                    open_elems += 1;
                    if skip.is_some() {
                        continue;
                    }
                    let tag = e.name();
                    let parent = stack.last().copied().unwrap_or(usize::MAX);
                    let (pst, phid, ps) = dom
                        .nodes
                        .get(parent)
                        .map(|p| (p.structural, p.hidden, p.soft))
                        .unwrap_or((false, false, false));
                    let landmark = matches!(tag, "main" | "article")
                        || e.attribute("role")
                            .is_some_and(|r| r.eq_ignore_ascii_case("main"));
                    let structural = (pst && !landmark) || rules::is_hard_boiler(e);
                    let hidden = phid || rules::is_hidden(e);
                    let hard = structural || hidden;
                    let soft = ps || rules::is_soft_boiler(e, &mut class_cache);
                    if rules::is_block(tag)
                        && let Some(p) = dom.nodes.get_mut(parent)
                    {
                        p.block_child = true;
                    }
                    let idx = dom.nodes.len();
                    dom.nodes.push(Node {
                        kind: Kind::Elem(e),
                        parent,
                        end: idx + 1,
                        hard,
                        structural,
                        hidden,
                        soft,
                        block_child: false,
                    });
                    stack.push(idx);
                    if rules::is_skipped(tag) {
                        skip = Some(open_elems);
                        if tag == "script"
                            && e.attribute("type").is_some_and(|t| {
                                t.trim().eq_ignore_ascii_case("application/ld+json")
                            })
                        {
                            let s: String = n
                                .children()
                                .filter_map(|c| c.value().as_text().map(|t| &**t))
                                .collect();
                            dom.json_ld.push(s);
                        } else if tag == "title" && dom.title.is_none() {
                            let s: String = n
                                .children()
                                .filter_map(|c| c.value().as_text().map(|t| &**t))
                                .collect();
                            dom.title = Some(s);
                        }
                    }
                }
                DomNode::Text(t) => {
                    if skip.is_some() {
                        continue;
                    }
                    let parent = stack.last().copied().unwrap_or(usize::MAX);
                    let (hard, structural, hidden, soft) = dom
                        .nodes
                        .get(parent)
                        .map(|p| (p.hard, p.structural, p.hidden, p.soft))
                        .unwrap_or((false, false, false, false));
                    let idx = dom.nodes.len();
                    dom.nodes.push(Node {
                        kind: Kind::Text(t),
                        parent,
                        end: idx + 1,
                        hard,
                        structural,
                        hidden,
                        soft,
                        block_child: false,
                    });
                }
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().is_element() {
                    if skip == Some(open_elems) {
                        skip = None;
                    }
                    open_elems = open_elems.saturating_sub(1);
                    if skip.is_some() {
                        continue;
                    }
                    if let Some(idx) = stack.pop() {
                        let end = dom.nodes.len();
                        if let Some(node) = dom.nodes.get_mut(idx) {
                            node.end = end;
                        }
                    }
                }
            }
        }
    }
    dom
}
