// Makes file permission bits bind this thread even when it runs as root (as CI does in its
// container): the capabilities that let root ignore them are left out of the effective set for the
// guard's life, then given back. Without root there is nothing to leave out and nothing changes.
#pragma once

#include "catch.hpp"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace attune::testing {

class WithoutPermissionOverride {
public:
    WithoutPermissionOverride() {
        REQUIRE(::syscall(SYS_capget, &m_header, m_saved) == 0);
        __user_cap_data_struct bound[2] = {m_saved[0], m_saved[1]};
        for (const int capability : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER})
            bound[CAP_TO_INDEX(capability)].effective &= ~CAP_TO_MASK(capability);
        REQUIRE(::syscall(SYS_capset, &m_header, bound) == 0);
    }
    ~WithoutPermissionOverride() { ::syscall(SYS_capset, &m_header, m_saved); }
    WithoutPermissionOverride(const WithoutPermissionOverride&) = delete;
    WithoutPermissionOverride& operator=(const WithoutPermissionOverride&) = delete;

private:
    __user_cap_header_struct m_header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct m_saved[2]{};
};

}  // namespace attune::testing
