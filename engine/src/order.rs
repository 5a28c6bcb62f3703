//! Stable sorting through one shared routine.
//!
//! The standard library's stable sort is stamped out again for every
//! element type and comparison closure: about 4 KB of WebAssembly each, two
//! dozen times over in the app. Here the sort itself runs once, on indices,
//! with the comparison behind a `dyn` reference; only moving the elements
//! into the found order is generic. The order is exactly that of
//! `slice::sort_by` (stable), as the tests check. For lists a person reads
//! (registers, checks, snapshots); the Monte Carlo's hot paths keep the
//! standard sorts.

use std::cmp::Ordering;

/// The stable order of `len` items under `compare` (by index).
fn permutation(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = permutation(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives, keeping equal items in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_order_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            let mut theirs = items;
            // Compared on the first part only, so stability shows.
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn keys_and_natural_order(items in proptest::collection::vec(any::<i32>(), 0..100)) {
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |x| std::cmp::Reverse(*x));
            let mut expected = items.clone();
            expected.sort_by_key(|x| std::cmp::Reverse(*x));
            prop_assert_eq!(by_key, expected);
            let mut natural = items.clone();
            sort(&mut natural);
            let mut expected = items;
            expected.sort();
            prop_assert_eq!(natural, expected);
        }
    }
}
