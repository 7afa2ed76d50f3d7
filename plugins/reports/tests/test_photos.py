"""Photos: only real images, size-limited, stored without EXIF (GPS above all)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from plugins.reports import photos

JIAXING_GPS = {  # 南湖 (30.75 N, 120.76 E) as a phone writes it
    ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (30.0, 45.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (120.0, 45.0, 36.0),
}


def jpeg_with_gps(size=(64, 48), orientation: int | None = None, name="IMG_0001.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 16, 46))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "Xiaomi"
    exif[ExifTags.Base.Artist] = "张小红"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(JIAXING_GPS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_gps_and_every_exif_tag_are_removed():
    upload = jpeg_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:  # the fixture really carries GPS
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    prepared = photos.prepare(upload)
    with Image.open(io.BytesIO(prepared.content)) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in stored.info
    assert b"Exif" not in prepared.content
    assert "张小红".encode() not in prepared.content and b"Xiaomi" not in prepared.content


def test_orientation_is_applied_before_the_tag_is_dropped():
    prepared = photos.prepare(jpeg_with_gps(size=(64, 48), orientation=6))  # rotated 90°
    assert (prepared.width, prepared.height) == (48, 64)


def test_large_photos_are_downsized(monkeypatch):
    monkeypatch.setattr(photos, "MAX_EDGE", 32)
    prepared = photos.prepare(jpeg_with_gps(size=(64, 48)))
    assert max(prepared.width, prepared.height) == 32


def test_png_with_transparency_becomes_a_jpeg():
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(buffer, format="PNG")
    prepared = photos.prepare(SimpleUploadedFile("a.png", buffer.getvalue()))
    with Image.open(io.BytesIO(prepared.content)) as stored:
        assert stored.format == "JPEG" and stored.getpixel((5, 5)) == (255, 255, 255)


def test_trailing_payload_after_the_image_is_not_kept():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(buffer, format="GIF")
    payload = b"<script>alert(1)</script>"
    prepared = photos.prepare(SimpleUploadedFile("x.gif", buffer.getvalue() + payload))
    assert payload not in prepared.content


@pytest.mark.parametrize("name,content", [
    ("photo.jpg", b"this is not an image at all"),  # the extension lies
    ("photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj"),
    ("scan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("broken.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),  # a JPEG header and nothing else
])
def test_non_images_are_refused_with_a_chinese_message(name, content):
    with pytest.raises(ValidationError) as refused:
        photos.prepare(SimpleUploadedFile(name, content, content_type="image/jpeg"))
    assert refused.value.code == "invalid_image"
    assert "不是有效的图片" in refused.value.messages[0]


def test_oversized_photo_is_refused(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 1024)
    upload = jpeg_with_gps(size=(400, 400))
    with pytest.raises(ValidationError) as refused:
        photos.prepare(upload)
    assert refused.value.code == "too_big" and "超过" in refused.value.messages[0]


def test_oversized_photo_is_refused_even_if_its_declared_size_lies(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 1024)
    upload = jpeg_with_gps(size=(400, 400))
    upload.size = 10
    with pytest.raises(ValidationError) as refused:
        photos.prepare(upload)
    assert refused.value.code == "too_big"


def test_decompression_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError) as refused:
        photos.prepare(jpeg_with_gps(size=(64, 48)))
    assert refused.value.code == "too_many_pixels"


def test_too_many_photos_are_refused():
    uploads = [jpeg_with_gps(name=f"{i}.jpg") for i in range(photos.MAX_PHOTOS + 1)]
    with pytest.raises(ValidationError) as refused:
        photos.prepare_all(uploads)
    assert refused.value.code == "too_many"


def test_stored_files_are_removed_when_the_block_fails(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(RuntimeError), photos.files_removed_on_error() as stored:
        stored.append(default_storage.save("reports/photos/t.jpg", photos.prepare(jpeg_with_gps()).as_file()))
        assert default_storage.exists(stored[0])
        raise RuntimeError("the report could not be saved")
    assert not default_storage.exists(stored[0])
