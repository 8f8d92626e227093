// The attune executable: everything lives in the libraries; this only hands over argv.
#include "cli/Commands.hpp"

#include <attune/model/core/ProcessMemory.hpp>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    attune::model::useOneMallocArena();
    std::vector<std::string> arguments(argv + 1, argv + argc);
    return attune::cli::runAttune(arguments, std::cin, std::cout, std::cerr);
}
