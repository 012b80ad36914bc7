# InnoLand build.  `make` builds build/innoland; `make run` and `make test`
# first install what is missing (scripts/setup.sh).  Every .c under src/
# except src/main.c goes into build/libinnoland.a, which the binary, the unit
# tests and the fuzz targets link.  SAN=1 builds an ASan+UBSan tree in
# build/san/.

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libpq zlib libsodium libzip expat xlsxwriter md4c-html
SAN     ?= 0
ifeq ($(SAN),1)
B       := build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT     := -O1
else
B       := build
SANFLAGS :=
OPT     := -O2 -flto=auto
endif

# The goals that install or need no library run without the check; every
# other one stops at once with pkg-config's own words when a module (or one
# it requires) is missing, instead of compiling with empty flags.
NO_PKG_GOALS := setup run test test-fresh check-packages clean format format-check print-pkgs
ifneq ($(filter-out $(NO_PKG_GOALS),$(or $(MAKECMDGOALS),all)),)
PKG_MISSING := $(shell pkg-config --exists --print-errors $(PKGS) 2>&1)
ifneq ($(PKG_MISSING),)
$(error $(PKG_MISSING) (scripts/setup.sh installs what InnoLand needs))
endif
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
WARN    := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wno-unused-parameter -Wstrict-prototypes
CFLAGS  := -std=c17 -D_GNU_SOURCE $(OPT) -g $(WARN) $(SANFLAGS) -Isrc -I$(B)/gen $(PKG_CFLAGS)
LDFLAGS := $(SANFLAGS) $(OPT)
LDLIBS  := $(PKG_LIBS) -lpthread -lm

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

LIB_SRC := $(shell find src -name '*.c' ! -path src/main.c | sort)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/embedded.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
EMBED_IN := $(shell find templates migrations web/static web/package-lock.json -type f 2>/dev/null | sort) tools/assets.list

.PHONY: print-pkgs all run test test-fresh unit e2e browser fuzz fuzz-brief bench format format-check clean setup san-test deb
all: $(B)/innoland

# The pkg-config modules the build takes (scripts/check-packages.sh reads them).
print-pkgs:
	@echo $(PKGS)

setup:
	@scripts/setup.sh

run: setup
	@$(MAKE) --no-print-directory all
	./build/innoland serve --db innoland.db --demo

test: setup
	@scripts/test.sh

# A fresh Debian 12 root (debootstrap, as root; 2-3 minutes) builds with
# scripts/setup.sh and make, and its server answers /healthz.
test-fresh:
	@scripts/fresh.sh

# The Debian package, build/innoland_VERSION_ARCH.deb (scripts/deb.sh): the
# binary, the sandboxed systemd unit and /etc/innoland/innoland.conf from
# packaging/deb/, the user innoland and /var/lib/innoland made on install.
deb: $(B)/innoland
	@scripts/deb.sh $(B)/innoland build

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -DINNOLAND_VERSION='"$(VERSION)"' -c $< -o $@

$(B)/obj/gen/embedded.o: $(B)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -w -c $< -o $@

# The embedder is a build tool: always built without sanitizers.
build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $< -lz

$(B)/gen/embedded.c: build/tools/embed $(EMBED_IN)
	@mkdir -p $(dir $@)
	build/tools/embed tools/assets.list $@

$(B)/libinnoland.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/innoland: $(B)/obj/src/main.o $(B)/libinnoland.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libinnoland.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libinnoland.a $(LDFLAGS) $(LDLIBS) -lcmocka

# Builds the unit tests; scripts/test.sh runs them.
unit: $(UNIT_BIN)

# Fuzz targets: clang's libFuzzer, with ASan+UBSan, over the library sources.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/gen $(PKG_CFLAGS)
build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) build/gen/embedded.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -DINNOLAND_VERSION='"fuzz"' -o $@ $< $(LIB_SRC) build/gen/embedded.c $(LDLIBS)

fuzz-brief: $(FUZZ_BIN)
	@scripts/fuzz.sh 20

fuzz: $(FUZZ_BIN)
	@scripts/fuzz.sh $${FUZZ_SECONDS:-300}

bench: all
	@bench/http.sh

format:
	clang-format -i $$(find src tests tools -name '*.[ch]')

format-check:
	@clang-format --dry-run -Werror $$(find src tests tools -name '*.[ch]')

clean:
	rm -rf build

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
