package com.hostmcp.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hostmcp.local.demo.DemoKeyFile.StoredKey;

class DemoKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenKeyIsReadBackAndOnlyItsOwnerCanReadTheFile() throws Exception {
        DemoKeyFile file = new DemoKeyFile(dir.resolve("data/demo-api-key.env"));
        StoredKey key = new StoredKey("7d0f8a52-3c5e-4f0e-9a57-0d1c2b3a4f5e", "hmcp_abcdefghijklmnopqrstuvwxyz12");

        file.write(key);

        assertThat(file.read()).contains(key);
        assertThat(Files.getPosixFilePermissions(file.path())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (var left = Files.list(file.path().getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file.path());
        }
    }

    @Test
    void writingAgainReplacesTheKey() throws Exception {
        DemoKeyFile file = new DemoKeyFile(dir.resolve("demo-api-key.env"));
        file.write(new StoredKey("old-id", "hmcp_oldoldoldoldoldoldoldoldoldold"));
        StoredKey replacement = new StoredKey("new-id", "hmcp_newnewnewnewnewnewnewnewnewnew");

        file.write(replacement);

        assertThat(file.read()).contains(replacement);
    }

    @Test
    void noFileOrAnIncompleteFileMeansNoKey() throws Exception {
        DemoKeyFile file = new DemoKeyFile(dir.resolve("demo-api-key.env"));
        assertThat(file.read()).isEmpty();

        Files.writeString(file.path(), "DEMO_API_KEY_ID=some-id\n");
        assertThat(file.read()).isEqualTo(Optional.empty());
    }

    @Test
    void theKeyNeverAppearsInItsTextForm() {
        StoredKey key = new StoredKey("some-id", "hmcp_secretsecretsecretsecretsecre");

        assertThat(key.toString()).contains("some-id").doesNotContain("hmcp_secret");
    }
}
