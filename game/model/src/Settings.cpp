#include <attune/model/Settings.hpp>

namespace attune::model {

const char* themeName(Theme theme) {
    switch (theme) {
        case Theme::Light: return "light";
        case Theme::Dark: return "dark";
        case Theme::HighContrast: return "high-contrast";
    }
    return "light";
}

bool parseTheme(const std::string& name, Theme& out) {
    for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast}) {
        if (name == themeName(t)) {
            out = t;
            return true;
        }
    }
    return false;
}

}  // namespace attune::model
