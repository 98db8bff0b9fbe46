//! Small helpers for text shown to people.

/// "1 city", "2 cities".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_use_the_singular_only_for_one() {
        assert_eq!(super::count(0, "city", "cities"), "0 cities");
        assert_eq!(super::count(1, "city", "cities"), "1 city");
        assert_eq!(super::count(2, "city", "cities"), "2 cities");
    }
}
