// Package deploy publishes a built output folder to S3-compatible object
// storage (Aliyun OSS, Tencent COS, Huawei OBS, MinIO, AWS S3) with
// minio-go: only files whose content differs are sent (the remote ETag
// against the file's MD5, else the SHA-256 kept in the object's metadata),
// assets before pages, deletions last; each object gets its Content-Type
// (internal/mediatype, as serve uses) and Cache-Control. Credentials come
// from the environment only.
//
// It imports config, diag, mediatype and parallel.
package deploy
