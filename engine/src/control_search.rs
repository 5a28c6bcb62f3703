//! Finding controls as people name them: by id (`A.8.5`, `8.5`), by words of
//! their title ("authentication"), and by the everyday words of the trade
//! ("MFA", "2FA", "backup", "VPN") through a small synonym table of our own.

use crate::model::{ControlId, Workspace};

/// Everyday words and the Annex A controls they usually mean, best first.
/// Keys are lower case, words separated by one space.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("mfa", &["A.8.5", "A.5.17"]),
    ("2fa", &["A.8.5", "A.5.17"]),
    ("multi factor", &["A.8.5", "A.5.17"]),
    ("multifactor", &["A.8.5", "A.5.17"]),
    ("two factor", &["A.8.5", "A.5.17"]),
    ("otp", &["A.8.5", "A.5.17"]),
    ("one time password", &["A.8.5", "A.5.17"]),
    ("totp", &["A.8.5", "A.5.17"]),
    ("sso", &["A.5.16", "A.5.17", "A.8.5"]),
    ("single sign on", &["A.5.16", "A.5.17", "A.8.5"]),
    ("password", &["A.5.17", "A.8.5"]),
    ("passwords", &["A.5.17", "A.8.5"]),
    ("login", &["A.8.5", "A.5.17"]),
    ("log in", &["A.8.5", "A.5.17"]),
    ("identity", &["A.5.16"]),
    ("iam", &["A.5.16", "A.5.15", "A.5.18"]),
    ("access review", &["A.5.18"]),
    ("permissions", &["A.5.18", "A.5.15"]),
    ("admin", &["A.8.2"]),
    ("privileged", &["A.8.2"]),
    ("root", &["A.8.2"]),
    ("pam", &["A.8.2"]),
    ("backup", &["A.8.13"]),
    ("backups", &["A.8.13"]),
    ("restore", &["A.8.13"]),
    ("encryption", &["A.8.24"]),
    ("encrypt", &["A.8.24"]),
    ("crypto", &["A.8.24"]),
    ("tls", &["A.8.24"]),
    ("keys", &["A.8.24"]),
    ("patch", &["A.8.8"]),
    ("patching", &["A.8.8"]),
    ("patches", &["A.8.8"]),
    ("vulnerability", &["A.8.8"]),
    ("vulnerabilities", &["A.8.8"]),
    ("cve", &["A.8.8"]),
    ("logging", &["A.8.15"]),
    ("logs", &["A.8.15"]),
    ("audit log", &["A.8.15"]),
    ("siem", &["A.8.15", "A.8.16"]),
    ("monitoring", &["A.8.16"]),
    ("malware", &["A.8.7"]),
    ("antivirus", &["A.8.7"]),
    ("anti virus", &["A.8.7"]),
    ("virus", &["A.8.7"]),
    ("ransomware", &["A.8.7", "A.8.13"]),
    ("edr", &["A.8.7", "A.8.16"]),
    ("phishing", &["A.6.3"]),
    ("awareness", &["A.6.3"]),
    ("training", &["A.6.3"]),
    ("vpn", &["A.8.20", "A.8.21", "A.6.7"]),
    ("network", &["A.8.20", "A.8.21", "A.8.22"]),
    ("firewall", &["A.8.20", "A.8.22"]),
    ("segmentation", &["A.8.22"]),
    ("cloud", &["A.5.23"]),
    ("saas", &["A.5.23"]),
    ("supplier", &["A.5.19", "A.5.20", "A.5.22"]),
    ("vendor", &["A.5.19", "A.5.20", "A.5.22"]),
    ("third party", &["A.5.19", "A.5.20"]),
    ("incident", &["A.5.24", "A.5.25", "A.5.26"]),
    ("continuity", &["A.5.29", "A.5.30"]),
    ("disaster recovery", &["A.5.30", "A.8.14"]),
    ("privacy", &["A.5.34"]),
    ("gdpr", &["A.5.34"]),
    ("pii", &["A.5.34"]),
    ("laptop", &["A.8.1"]),
    ("endpoint", &["A.8.1"]),
    ("mobile", &["A.8.1"]),
    ("byod", &["A.8.1"]),
    ("remote", &["A.6.7"]),
    ("home working", &["A.6.7"]),
    ("badge", &["A.7.2"]),
    ("cctv", &["A.7.4"]),
    ("background check", &["A.6.1"]),
    ("vetting", &["A.6.1"]),
    ("nda", &["A.6.6"]),
    ("dlp", &["A.8.12"]),
    ("data leakage", &["A.8.12"]),
    ("web filter", &["A.8.23"]),
    ("proxy", &["A.8.23"]),
    ("hardening", &["A.8.9"]),
    ("threat intel", &["A.5.7"]),
    ("secure coding", &["A.8.28"]),
    ("pentest", &["A.8.29", "A.8.8"]),
    ("penetration test", &["A.8.29", "A.8.8"]),
    ("ntp", &["A.8.17"]),
    ("wipe", &["A.8.10"]),
    ("redundancy", &["A.8.14"]),
];

/// Words too common to say anything about a control.
const STOP_WORDS: &[&str] = &["a", "an", "and", "of", "for", "the", "to", "in", "on", "or"];

/// Lower case, every run of other characters than letters and digits made
/// one space.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// An id as typed, made comparable: "a.8.5", "8.5" and "A.8.5" all give "8.5".
fn bare_id(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    lower.strip_prefix("a.").unwrap_or(&lower).to_owned()
}

/// The controls of `workspace` that `query` names, best first, with a
/// score (higher is better): 100 for the id itself; 85 or more when every
/// one of several words begins a word of the title; 80 and less for an
/// everyday word of the synonym table; then words of the title (each word
/// of the query that begins a title word counts) and of the description.
/// Ties keep the catalogue's order. An empty query finds nothing.
pub fn search_controls(workspace: &Workspace, query: &str) -> Vec<(ControlId, u32)> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let first = query.split_whitespace().next().unwrap_or("");
    let typed_id = bare_id(first);
    let looks_like_id = typed_id.chars().next().is_some_and(|c| c.is_ascii_digit())
        && typed_id.chars().all(|c| c.is_ascii_digit() || c == '.');
    let text = normalise(query);
    let padded = format!(" {text} ");
    let words: Vec<&str> = text
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .collect();
    let last = words.last().copied().unwrap_or("");
    let mut scored = Vec::new();
    for control in &workspace.controls {
        let id = bare_id(control.id.as_str());
        let mut score = 0u32;
        if looks_like_id {
            if id == typed_id {
                score = 100;
            } else if id.starts_with(&typed_id) {
                // Typing on: "8.1" also offers A.8.10 to A.8.19.
                score = 50;
            }
        } else if control.id.as_str().eq_ignore_ascii_case(first) {
            score = 100;
        }
        for (key, ids) in SYNONYMS {
            let Some(rank) = ids
                .iter()
                .position(|i| i.eq_ignore_ascii_case(control.id.as_str()))
            else {
                continue;
            };
            let rank = rank as u32;
            let whole = padded.contains(&format!(" {key} "));
            // The word being typed: "backu" already finds the backups.
            let begun = last.len() >= 3 && !key.contains(' ') && key.starts_with(last);
            if whole {
                score = score.max(80 - 5 * rank);
            } else if begun {
                score = score.max(40 - 5 * rank);
            }
        }
        if !words.is_empty() {
            let title = normalise(&control.title);
            let title_words: Vec<&str> = title.split(' ').collect();
            let in_title = words
                .iter()
                .filter(|w| title_words.iter().any(|t| t.starts_with(*w)))
                .count() as u32;
            let mut from_text = 10 * in_title;
            if in_title as usize == words.len() {
                // Several words that all begin words of the title say more
                // than one everyday word.
                from_text = if words.len() >= 2 { 85 } else { from_text + 20 };
            }
            if text.len() >= 3 && title.contains(&text) {
                from_text += 10;
            }
            if from_text == 0 && !control.description.is_empty() {
                let description = normalise(&control.description);
                let described = words
                    .iter()
                    .filter(|w| w.len() >= 3 && description.split(' ').any(|d| d.starts_with(*w)))
                    .count() as u32;
                from_text = 3 * described;
            }
            score = score.max(from_text.min(95));
        }
        if score > 0 {
            scored.push((control.id.clone(), score));
        }
    }
    // A stable sort keeps the catalogue's order among equal scores.
    crate::order::sort_by(&mut scored, |a, b| b.1.cmp(&a.1));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Workspace {
        crate::demo_organisation()
    }

    fn top(ws: &Workspace, query: &str) -> Vec<String> {
        search_controls(ws, query)
            .into_iter()
            .take(3)
            .map(|(id, _)| id.to_string())
            .collect()
    }

    #[test]
    fn ids_are_found_with_or_without_the_annex_prefix() {
        let ws = demo();
        assert_eq!(top(&ws, "A.8.5")[0], "A.8.5");
        assert_eq!(top(&ws, "a.8.5")[0], "A.8.5");
        assert_eq!(top(&ws, "8.5")[0], "A.8.5");
        assert_eq!(top(&ws, "A.8.5 Secure authentication")[0], "A.8.5");
        // "8.1" is A.8.1 first, then its family (A.8.10 ...), never A.5.1.
        let found = search_controls(&ws, "8.1");
        assert_eq!(found[0].0.as_str(), "A.8.1");
        assert!(found.iter().all(|(id, _)| id.as_str().starts_with("A.8.1")));
    }

    #[test]
    fn everyday_words_find_the_controls_they_mean() {
        let ws = demo();
        for query in [
            "MFA",
            "2FA",
            "multi-factor",
            "Multi factor",
            "two-factor",
            "mfa everywhere",
        ] {
            assert_eq!(top(&ws, query)[..2], ["A.8.5", "A.5.17"], "{query}");
        }
        assert_eq!(top(&ws, "SSO"), ["A.5.16", "A.5.17", "A.8.5"]);
        assert_eq!(top(&ws, "backup")[0], "A.8.13");
        assert_eq!(top(&ws, "backu")[0], "A.8.13", "while typing");
        assert_eq!(top(&ws, "encryption")[0], "A.8.24");
        assert_eq!(top(&ws, "crypto")[0], "A.8.24");
        assert_eq!(top(&ws, "patch")[0], "A.8.8");
        assert_eq!(top(&ws, "logging")[0], "A.8.15");
        assert_eq!(top(&ws, "antivirus")[0], "A.8.7");
        assert_eq!(top(&ws, "phishing")[0], "A.6.3");
        assert_eq!(top(&ws, "VPN")[..2], ["A.8.20", "A.8.21"]);
    }

    #[test]
    fn words_of_the_title_find_the_control() {
        let ws = demo();
        assert_eq!(top(&ws, "secure authentication")[0], "A.8.5");
        assert_eq!(top(&ws, "clock sync")[0], "A.8.17");
        assert_eq!(top(&ws, "Information backup")[0], "A.8.13");
        // Every word counts: both words beat one.
        let found = search_controls(&ws, "supplier agreements");
        assert_eq!(found[0].0.as_str(), "A.5.20");
    }

    #[test]
    fn nothing_for_nothing_and_for_nonsense() {
        let ws = demo();
        assert!(search_controls(&ws, "").is_empty());
        assert!(search_controls(&ws, "   ").is_empty());
        assert!(search_controls(&ws, "zzqx").is_empty());
        assert!(search_controls(&ws, "A.9.99").is_empty());
    }

    #[test]
    fn custom_controls_are_found_by_their_own_title() {
        let mut ws = demo();
        let mut custom = ws.controls[0].clone();
        custom.id = ControlId::try_new("ORG-1").expect("valid id");
        custom.title = "Quarterly tabletop exercise".into();
        custom.description = String::new();
        ws.controls.push(custom);
        assert_eq!(top(&ws, "tabletop")[0], "ORG-1");
        assert_eq!(top(&ws, "org-1")[0], "ORG-1");
    }
}
