// libyaml (Debian: libyaml-dev), the YAML parser behind the front matter of Markdown articles.
// Swift reads its events directly; no shim is needed, since libyaml is C and reports errors in the parser.
#include <yaml.h>
