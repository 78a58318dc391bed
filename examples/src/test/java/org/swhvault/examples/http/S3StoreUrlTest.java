package org.swhvault.examples.http;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3StoreUrlTest {
    @Test
    void aBucketAloneHasNoPrefixNorParameters() {
        S3StoreUrl url = S3StoreUrl.parse("s3://bundles");
        assertThat(url).isEqualTo(new S3StoreUrl("bundles", "", Map.of()));
        assertThat(url.config()).isEqualTo(Map.of("bucket", "bundles"));
        assertThat(url).hasToString("s3://bundles/");
    }

    @Test
    void thePathAfterTheBucketIsThePrefixAndTheQueryTheParameters() {
        S3StoreUrl url = S3StoreUrl.parse("s3://bundles/vault/mirror/?endpoint=http://127.0.0.1:9000/&region=eu-west-3"
                + "&pathStyle=true&createBucket=true&partSize=16MiB&urlValidity=PT24H");
        assertThat(url.bucket()).isEqualTo("bundles");
        assertThat(url.prefix()).isEqualTo("vault/mirror/");
        assertThat(url.config()).isEqualTo(Map.of("bucket", "bundles", "prefix", "vault/mirror/",
                "endpoint", "http://127.0.0.1:9000/", "region", "eu-west-3", "pathStyle", "true",
                "createBucket", "true", "partSize", "16MiB", "urlValidity", "PT24H"));
    }

    @Test
    void valuesArePercentDecodedAndAPlusStaysAPlus() {
        S3StoreUrl url = S3StoreUrl.parse("S3://b/a%20b+c%C3%A9?endpoint=http%3A%2F%2Fs3.example.org%3A8443");
        assertThat(url.prefix()).isEqualTo("a b+cé");
        assertThat(url.parameters()).isEqualTo(Map.of("endpoint", "http://s3.example.org:8443"));
        assertThat(S3StoreUrl.parse("s3://b?&pathStyle=true&").parameters()).isEqualTo(Map.of("pathStyle", "true"));
    }

    @Test
    void onlyValuesStartingWithTheS3SchemeAreUrls() {
        assertThat(S3StoreUrl.isS3("s3://b")).isTrue();
        assertThat(S3StoreUrl.isS3("S3:b")).isTrue();
        assertThat(S3StoreUrl.isS3("s3-cache")).isFalse();
        assertThat(S3StoreUrl.isS3("/var/cache/s3://b")).isFalse();
    }

    @Test
    void aMissingBucketIsRejected() {
        assertRejected("s3://", "the bucket is missing");
        assertRejected("s3:///prefix", "the bucket is missing");
        assertRejected("s3://?endpoint=http://h", "the bucket is missing");
        assertRejected("s3:bucket", "an S3 store is named s3://BUCKET");
    }

    @Test
    void unknownRepeatedOrEmptyParametersAreRejected() {
        assertRejected("s3://b?bukket=c", "unknown parameter 'bukket'; the parameters are [createBucket, endpoint, "
                + "partSize, pathStyle, region, urlValidity]");
        assertRejected("s3://b?pathstyle=true", "unknown parameter 'pathstyle'");
        assertRejected("s3://b?prefix=p", "unknown parameter 'prefix'");
        assertRejected("s3://b?region=a&region=b", "parameter 'region' is given twice");
        assertRejected("s3://b?pathStyle", "parameter 'pathStyle' needs a value");
        assertRejected("s3://b?region=", "parameter 'region' needs a value");
        assertRejected("s3://b/p%2?region=x", "'%2' is not a percent-escape");
        assertRejected("s3://b?region=%zz", "'%zz' is not a percent-escape");
    }

    @Test
    void credentialsAreRejectedWithoutEchoingThem() {
        for (String url : new String[] {"s3://b?accessKey=AKIDEXAMPLE", "s3://b?endpoint=http://h&secretKey=s3cr3t",
                "s3://b?SECRETKEY=s3cr3t"}) {
            assertThatThrownBy(() -> S3StoreUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment")
                    .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("AKIDEXAMPLE");
        }
    }

    private static void assertRejected(String url, String message) {
        assertThatThrownBy(() -> S3StoreUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--store: ").hasMessageContaining(message)
                .hasMessageEndingWith("; got '" + url + "'");
    }
}
