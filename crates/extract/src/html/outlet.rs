//! The names a page goes by as an outlet (its site name, publisher, the
//! suffix of its `<title>`, its host name), to tell an outlet standing in
//! as the author ("never the outlet as author unless the page says so").

/// Words a company or account name carries besides the outlet's own name
/// ("Trezy SAS", "QCY Official", "Kneib Dentistry PC").
const ORG_WORDS: &[&str] = &[
    "inc", "llc", "ltd", "plc", "pc", "sas", "sa", "gmbh", "ag", "corp", "co", "official", "the",
];

/// Host labels that name no outlet.
const HOST_WORDS: &[&str] = &[
    "www", "com", "org", "net", "edu", "gov", "co", "uk", "io", "blog", "news", "en", "m",
];

/// Lower-case alphanumeric words of `s`, without company words.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !ORG_WORDS.contains(&w.as_str()))
        .collect()
}

/// The outlet's names, as word lists and as squashed strings (no spaces):
/// `site` names (site name, publisher), the last part of `title` after a
/// separator ("Healthy Eating Tips | Nutrition | CDC"), and the host labels
/// of `url` ("levinemusic" of www.levinemusic.org).
pub(crate) struct Outlet {
    names: Vec<String>,
}

impl Outlet {
    pub(crate) fn new<'a>(
        site: impl IntoIterator<Item = &'a str>,
        title: Option<&str>,
        url: Option<&str>,
    ) -> Outlet {
        let mut names: Vec<String> = site.into_iter().map(|s| words(s).concat()).collect();
        if let Some(t) = title {
            let mut rest = t;
            for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
                if let Some((_, last)) = rest.rsplit_once(sep) {
                    rest = last;
                }
            }
            if rest.len() < t.len() {
                names.push(words(rest).concat());
            }
        }
        if let Some(u) = url {
            let host = u.split("://").nth(1).unwrap_or(u);
            let host = host.split(['/', ':', '?', '#']).next().unwrap_or("");
            names.extend(
                host.split('.')
                    .map(str::to_ascii_lowercase)
                    .filter(|l| l.len() >= 3 && !HOST_WORDS.contains(&l.as_str())),
            );
        }
        names.retain(|n| !n.is_empty());
        Outlet { names }
    }

    /// True when `name` is one of the outlet's names (company words aside:
    /// "Trezy" is "Trezy SAS", "levinemusic" is levinemusic.org).
    pub(crate) fn is(&self, name: &str) -> bool {
        let n = words(name).concat();
        !n.is_empty() && self.names.contains(&n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outlet_by_its_names() {
        let o = Outlet::new(
            ["Trezy SAS"],
            Some("The best website builders | Trezy"),
            Some("https://www.levinemusic.org/a/b"),
        );
        assert!(o.is("Trezy"));
        assert!(o.is("trezy sas"));
        assert!(o.is("levinemusic"));
        assert!(!o.is("Jane Doe"));
        assert!(!o.is("Trezy Editorial Team"));
        let o = Outlet::new([], Some("Healthy Eating Tips | Nutrition | CDC"), None);
        assert!(o.is("CDC"));
        assert!(!o.is("Nutrition"));
    }
}
