// The review-history CSV a command was given (`attune memory`, `optimize --reviews`,
// `import-reviews`), read the same way by each: in the --timezone zone when one was named.
#pragma once

#include <attune/model/core/TimeZone.hpp>
#include <attune/model/history/ReviewCsv.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace attune::cli {

/// The file's reviews; nullopt when it does not read, after printing its diagnostics on err.
std::optional<model::ReviewCsvResult> readReviewFile(const std::string& path,
                                                     const std::optional<model::TimeZone>& zone, std::ostream& err);

}  // namespace attune::cli
