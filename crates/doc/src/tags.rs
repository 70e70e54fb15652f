//! The tag layer: one part-of-speech tag per token, 2 bytes a token.

/// Part-of-speech tags, one per token ([`crate::Layers::pos`]), kept as
/// 2-byte ids into the distinct tags (a tagger has a few dozen), not as a
/// 16-byte `&str` a token. `tags[i]` is the tag of token `i`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// The distinct tags, in order of first use (or as given).
    names: Vec<&'static str>,
    /// Per token: index into `names`.
    ids: Vec<u16>,
}

impl Tags {
    /// No tags yet, with room for `n` tokens.
    pub fn with_capacity(n: usize) -> Tags {
        Tags {
            names: Vec::new(),
            ids: Vec::with_capacity(n),
        }
    }

    /// Append the tag of the next token. Tags are interned by their text;
    /// past 65,536 distinct tags (far beyond any tag set) a new tag is
    /// stored as the last one interned.
    pub fn push(&mut self, tag: &'static str) {
        let id = self.intern(tag);
        self.ids.push(id);
    }

    /// The id of `tag`, interning it (see [`Tags::push`]).
    pub fn intern(&mut self, tag: &'static str) -> u16 {
        let k = match self.names.iter().position(|&t| t == tag) {
            Some(k) => k,
            None if self.names.len() <= usize::from(u16::MAX) => {
                self.names.push(tag);
                self.names.len() - 1
            }
            None => self.names.len() - 1,
        };
        u16::try_from(k).unwrap_or(u16::MAX)
    }

    /// Append the tag of the next token by an id [`Tags::intern`] gave (an
    /// unknown id is taken as the last tag interned, or `""` before any).
    pub fn push_id(&mut self, id: u16) {
        if self.names.is_empty() {
            self.names.push("");
        }
        let last = u16::try_from(self.names.len() - 1).unwrap_or(u16::MAX);
        self.ids.push(id.min(last));
    }

    /// Number of tokens tagged.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no token is tagged.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The tag of token `i`, if tagged.
    pub fn get(&self, i: usize) -> Option<&&'static str> {
        self.ids.get(i).map(|&k| &self.names[usize::from(k)])
    }

    /// The tags in token order.
    pub fn iter(&self) -> impl Iterator<Item = &&'static str> + '_ {
        self.ids.iter().map(|&k| &self.names[usize::from(k)])
    }
}

impl std::ops::Index<usize> for Tags {
    type Output = &'static str;
    fn index(&self, i: usize) -> &&'static str {
        &self.names[usize::from(self.ids[i])]
    }
}

impl Extend<&'static str> for Tags {
    fn extend<I: IntoIterator<Item = &'static str>>(&mut self, tags: I) {
        for t in tags {
            self.push(t);
        }
    }
}

impl FromIterator<&'static str> for Tags {
    fn from_iter<I: IntoIterator<Item = &'static str>>(tags: I) -> Tags {
        let mut out = Tags::default();
        out.extend(tags);
        out
    }
}

impl From<Vec<&'static str>> for Tags {
    fn from(tags: Vec<&'static str>) -> Tags {
        tags.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_back_as_pushed() {
        let t: Tags = vec!["DT", "NN", "VBD", "DT", "NN+POS", "."].into();
        assert_eq!(t.len(), 6);
        assert_eq!(t[0], "DT");
        assert_eq!(t[3], "DT");
        assert_eq!(t[4], "NN+POS");
        assert_eq!(t.get(5).copied(), Some("."));
        assert_eq!(t.get(6), None);
        let back: Vec<&str> = t.iter().copied().collect();
        assert_eq!(back, ["DT", "NN", "VBD", "DT", "NN+POS", "."]);
        // four distinct tags kept once each
        assert_eq!(t.names.len(), 5);
    }
}
