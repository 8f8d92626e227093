#include "cli/ReviewFile.hpp"

namespace attune::cli {

std::optional<model::ReviewCsvResult> readReviewFile(const std::string& path,
                                                     const std::optional<model::TimeZone>& zone, std::ostream& err) {
    model::ReviewCsvOptions options;
    options.timeZone = zone ? &*zone : nullptr;
    model::ReviewCsvResult csv = model::readReviewCsv(path, options);
    if (!csv.ok()) {
        for (const auto& diagnostic : csv.diagnostics) err << diagnostic.format() << '\n';
        return std::nullopt;
    }
    return csv;
}

}  // namespace attune::cli
