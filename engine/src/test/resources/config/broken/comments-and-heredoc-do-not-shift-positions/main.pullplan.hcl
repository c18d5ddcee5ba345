# a comment with a brace }
/* a block comment {
   over two lines */
variable "note" {
  description = <<-EOT
    Text with braces { and } and "quotes".
    EOT
  default = "x" // trailing comment {
}

registry "ghcr" {
  server = "ghcr.io"
  tier   = "premium"
}
