// The system's fonts as fontconfig knows them: which font file to draw a character the bundled
// DejaVu lacks, and whether any installed font has a character at all.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace attune::fonts {

/// One face inside a font file (.ttc collections hold several).
struct FontFile {
    std::string path;
    int index = 0;
    bool operator==(const FontFile&) const = default;
};

/// True for characters that draw no glyph of their own (controls, joiners, direction marks,
/// variation selectors): no font needs to have them.
bool drawsNothing(char32_t cp);

/// The installed fonts. Each instance holds its own fontconfig configuration, freed with it.
class SystemFonts {
public:
    SystemFonts();
    ~SystemFonts();
    SystemFonts(const SystemFonts&) = delete;
    SystemFonts& operator=(const SystemFonts&) = delete;

    /// Counts a font file the program brings along (the bundled DejaVu) as installed.
    void addBundledFont(const std::string& path);
    /// False when fontconfig could not load its configuration (then every query finds nothing).
    bool available() const { return m_config != nullptr; }
    /// The best scalable sans-serif face that has `cp` (bold when asked and installed), if any.
    std::optional<FontFile> fontFor(char32_t cp, bool bold);
    /// True when some installed scalable font has `cp`.
    bool anyFontHas(char32_t cp);

private:
    struct Config;
    Config* m_config = nullptr;
    void* m_coverage = nullptr;  // FcCharSet*: the union of every installed font's characters
    std::map<std::pair<char32_t, bool>, std::optional<FontFile>> m_found;
};

}  // namespace attune::fonts
