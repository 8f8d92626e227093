// fontconfig queries (see Fonts.hpp).
#include <attune/fonts/Fonts.hpp>

#include <fontconfig/fontconfig.h>

namespace attune::fonts {

struct SystemFonts::Config {
    FcConfig* config = nullptr;
};

bool drawsNothing(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

namespace {

/// A face we can draw at any size in one colour: no bitmap-only or colour (emoji) fonts.
bool drawable(FcPattern* font) {
    FcBool scalable = FcFalse;
    if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) != FcResultMatch || !scalable) return false;
    FcBool color = FcFalse;
    return !(FcPatternGetBool(font, FC_COLOR, 0, &color) == FcResultMatch && color);
}

}  // namespace

SystemFonts::SystemFonts() {
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (config == nullptr) return;
    m_config = new Config{config};
}

SystemFonts::~SystemFonts() {
    if (m_coverage != nullptr) FcCharSetDestroy(static_cast<FcCharSet*>(m_coverage));
    if (m_config != nullptr) {
        FcConfigDestroy(m_config->config);
        delete m_config;
    }
}

void SystemFonts::addBundledFont(const std::string& path) {
    if (m_config == nullptr) return;
    FcConfigAppFontAddFile(m_config->config, reinterpret_cast<const FcChar8*>(path.c_str()));
    if (m_coverage != nullptr) {
        FcCharSetDestroy(static_cast<FcCharSet*>(m_coverage));
        m_coverage = nullptr;
    }
}

std::optional<FontFile> SystemFonts::fontFor(char32_t cp, bool bold) {
    if (m_config == nullptr) return std::nullopt;
    const auto key = std::make_pair(cp, bold);
    if (const auto found = m_found.find(key); found != m_found.end()) return found->second;
    std::optional<FontFile> result;
    FcPattern* pattern = FcPatternCreate();
    FcCharSet* wanted = FcCharSetCreate();
    FcCharSetAddChar(wanted, static_cast<FcChar32>(cp));
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
    FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(m_config->config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult status = FcResultNoMatch;
    // Sorted best first; the first that really has the character wins.
    FcFontSet* sorted = FcFontSort(m_config->config, pattern, FcFalse, nullptr, &status);
    for (int i = 0; sorted != nullptr && i < sorted->nfont && !result; ++i) {
        FcPattern* font = sorted->fonts[i];
        FcCharSet* has = nullptr;
        FcChar8* file = nullptr;
        int index = 0;
        if (!drawable(font) || FcPatternGetCharSet(font, FC_CHARSET, 0, &has) != FcResultMatch ||
            !FcCharSetHasChar(has, static_cast<FcChar32>(cp)) || FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        result = FontFile{reinterpret_cast<const char*>(file), index};
    }
    if (sorted != nullptr) FcFontSetDestroy(sorted);
    FcCharSetDestroy(wanted);
    FcPatternDestroy(pattern);
    m_found.emplace(key, result);
    return result;
}

bool SystemFonts::anyFontHas(char32_t cp) {
    if (drawsNothing(cp)) return true;
    if (m_config == nullptr) return false;
    if (m_coverage == nullptr) {
        FcCharSet* all = FcCharSetCreate();
        FcPattern* any = FcPatternCreate();
        FcObjectSet* fields = FcObjectSetBuild(FC_CHARSET, FC_SCALABLE, FC_COLOR, nullptr);
        FcFontSet* list = FcFontList(m_config->config, any, fields);
        for (int i = 0; list != nullptr && i < list->nfont; ++i) {
            FcCharSet* has = nullptr;
            if (drawable(list->fonts[i]) && FcPatternGetCharSet(list->fonts[i], FC_CHARSET, 0, &has) == FcResultMatch)
                FcCharSetMerge(all, has, nullptr);
        }
        if (list != nullptr) FcFontSetDestroy(list);
        FcObjectSetDestroy(fields);
        FcPatternDestroy(any);
        m_coverage = all;
    }
    return FcCharSetHasChar(static_cast<FcCharSet*>(m_coverage), static_cast<FcChar32>(cp));
}

}  // namespace attune::fonts
