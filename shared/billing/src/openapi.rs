//! The billing context's part of the OpenAPI document.
