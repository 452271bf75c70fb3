//! The licensing context's part of the OpenAPI document (filled in below).
