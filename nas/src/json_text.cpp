// A two-rule JSON layout: one line when it fits, one member per line when it does not.
#include "nasrank/nas/json_text.h"

namespace nasrank::nas {
namespace {

std::string one_line(const nlohmann::ordered_json& v) {
  if (v.is_object()) {
    std::string s = "{";
    for (auto it = v.begin(); it != v.end(); ++it)
      s += (it == v.begin() ? "" : ", ") + nlohmann::ordered_json(it.key()).dump() + ": " + one_line(it.value());
    return s + "}";
  }
  if (v.is_array()) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + one_line(v[i]);
    return s + "]";
  }
  return v.dump();
}

void layout(const nlohmann::ordered_json& v, std::size_t indent, std::size_t used, std::size_t width,
            std::string& out) {
  const std::string line = one_line(v);
  if (!v.is_structured() || v.empty() || used + line.size() <= width) {
    out += line;
    return;
  }
  const std::string pad(indent + 2, ' ');
  const bool object = v.is_object();
  out += object ? "{\n" : "[\n";
  std::size_t i = 0;
  for (auto it = v.begin(); it != v.end(); ++it, ++i) {
    out += pad;
    std::size_t lead = pad.size();
    if (object) {
      const std::string key = nlohmann::ordered_json(it.key()).dump() + ": ";
      out += key;
      lead += key.size();
    }
    layout(it.value(), indent + 2, lead + 1, width, out);  // + 1 for the comma
    out += i + 1 < v.size() ? ",\n" : "\n";
  }
  out += std::string(indent, ' ') + (object ? "}" : "]");
}

}  // namespace

std::string readable_json(const nlohmann::ordered_json& value, std::size_t width) {
  std::string out;
  layout(value, 0, 0, width, out);
  return out + "\n";
}

}  // namespace nasrank::nas
