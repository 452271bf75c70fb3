//! Page-number pagination as the Dodo API does it: `page_size` and 0-based `page_number`.

use crate::error::ApiError;

pub const DEFAULT_PAGE_SIZE: usize = 10;
pub const MAX_PAGE_SIZE: usize = 100;
/// DynamoDB has no offset: a deep page reads every item before it. Past this many
/// skipped items a client narrows the window with `created_at_lte` instead.
pub const MAX_OFFSET: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub size: usize,
}

impl Page {
    pub fn parse(page_number: Option<usize>, page_size: Option<usize>) -> Result<Page, ApiError> {
        let size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::InvalidQueryParams(format!(
                "page_size must be from 1 to {MAX_PAGE_SIZE}"
            )));
        }
        let offset = page_number
            .unwrap_or(0)
            .checked_mul(size)
            .filter(|offset| *offset <= MAX_OFFSET)
            .ok_or_else(|| {
                ApiError::InvalidQueryParams(format!(
                    "page_number * page_size must be at most {MAX_OFFSET}; filter by created_at_lte to go further back"
                ))
            })?;
        Ok(Page { offset, size })
    }
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            size: DEFAULT_PAGE_SIZE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_default_and_are_bounded() {
        assert_eq!(
            Page::parse(None, None).unwrap(),
            Page {
                offset: 0,
                size: 10
            }
        );
        assert_eq!(
            Page::parse(Some(3), Some(100)).unwrap(),
            Page {
                offset: 300,
                size: 100
            }
        );
        for (number, size) in [
            (None, Some(0)),
            (None, Some(101)),
            (Some(1001), Some(100)),
            (Some(usize::MAX), Some(2)),
        ] {
            assert_eq!(
                Page::parse(number, size).unwrap_err().code(),
                "INVALID_QUERY_PARAMS"
            );
        }
    }
}
