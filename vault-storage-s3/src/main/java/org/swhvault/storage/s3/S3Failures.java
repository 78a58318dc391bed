package org.swhvault.storage.s3;

import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's failures into {@link VaultException}s whose message names the server, bucket and cause, with
 * the code of what the bucket serves: {@link ErrorCode#STORE_FAILURE} for a bundle store,
 * {@link ErrorCode#SOURCE_FAILURE} for an objstorage.
 */
final class S3Failures {
    private final String bucket;
    private final String server;
    private final ErrorCode code;

    S3Failures(String bucket, String server, ErrorCode code) {
        this.bucket = bucket;
        this.server = server;
        this.code = code;
    }


    String bucket() {
        return bucket;
    }

    String server() {
        return server;
    }

    /** {@code action} completes "while …", such as "reading flat:swh:1:dir:…". */
    VaultException translate(String action, SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new VaultException(ErrorCode.CANCELLED, "Interrupted while " + action + " in bucket '" + bucket
                    + "' at " + server + ".", e);
        }
        if (e instanceof S3Exception s3) {
            return new VaultException(code, describe(action, s3), e);
        }
        if (e instanceof SdkClientException) {
            return new VaultException(code, "Cannot reach S3 at " + server + " while " + action
                    + " in bucket '" + bucket + "': " + e.getMessage(), e);
        }
        return new VaultException(code, "S3 at " + server + " failed while " + action
                + " in bucket '" + bucket + "': " + e.getMessage(), e);
    }

    VaultException missingBucket() {
        return new VaultException(code, "bucket '" + bucket + "' does not exist at " + server
                + "; create it, or configure the store to create it (createBucket=true).");
    }

    private String describe(String action, S3Exception e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
        String status = "HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code);
        return switch (code) {
            case "NoSuchBucket" -> missingBucket().getMessage();
            case "InvalidAccessKeyId" -> "S3 at " + server + " rejected the credentials while " + action
                    + ": it does not know the access key (" + status + ").";
            case "SignatureDoesNotMatch" -> "S3 at " + server + " rejected the credentials while " + action
                    + ": the secret key does not match the access key (" + status + ").";
            default -> e.statusCode() == 403
                    ? "S3 at " + server + " denied access to bucket '" + bucket + "' while " + action
                            + ": check the credentials and the bucket's permissions (" + status + ")."
                    : "S3 at " + server + " failed while " + action + " in bucket '" + bucket + "' (" + status
                            + "): " + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                                    ? e.getMessage() : e.awsErrorDetails().errorMessage());
        };
    }
}
