#include <attune/model/save/Settings.hpp>

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

namespace attune::model {

double easyDayLoad(EasyDay day) {
    switch (day) {
    case EasyDay::Normal: return 1.0;
    case EasyDay::Reduced: return 0.5;
    case EasyDay::Minimum: return 0.0;
    }
    return 1.0;
}

const char* easyDayName(EasyDay day) {
    switch (day) {
    case EasyDay::Normal: return "normal";
    case EasyDay::Reduced: return "reduced";
    case EasyDay::Minimum: return "minimum";
    }
    return "normal";
}

bool parseEasyDay(const std::string& name, EasyDay& out) {
    for (const EasyDay d : {EasyDay::Normal, EasyDay::Reduced, EasyDay::Minimum}) {
        if (name == easyDayName(d)) {
            out = d;
            return true;
        }
    }
    return false;
}

}  // namespace attune::model

namespace attune::model {

const char* leechActionName(LeechAction action) { return action == LeechAction::Mark ? "mark" : "set-aside"; }

bool parseLeechAction(const std::string& name, LeechAction& out) {
    for (const LeechAction a : {LeechAction::SetAside, LeechAction::Mark}) {
        if (name == leechActionName(a)) {
            out = a;
            return true;
        }
    }
    return false;
}

}  // namespace attune::model
