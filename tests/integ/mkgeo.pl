#!/usr/bin/perl
# mkgeo.pl: write a small MaxMind database in the layout of GeoLite2-City
# (country.iso_code, location.latitude, location.longitude) for tests.
#
#   mkgeo.pl OUT.mmdb NET/LEN=CC,LAT,LON ...   e.g.
#   mkgeo.pl geo.mmdb 127.0.0.0/24=DE,52.52,13.40 127.0.1.0/24=US,40.71,-74.0
#
# The tests run on loopback, so the ranges are 127.x: MaxMind's writer
# removes reserved networks (loopback, private, ...) by default, which
# would leave an empty database; remove_reserved_networks => 0 keeps them.
# A range without coordinates (NET/LEN=CC) gets a country only, one with
# CC "-" (NET/LEN=-,LAT,LON) a location only, as real databases have for
# some networks.  IPv4 ranges are also reachable as
# IPv4-mapped IPv6 (::ffff:a.b.c.d), as in MaxMind's own databases.
use strict;
use warnings;

use MaxMind::DB::Writer::Tree;

sub usage {
	print STDERR "usage: mkgeo.pl OUT.mmdb NET/LEN=CC[,LAT,LON] ... (CC - for none)\n";
	exit 2;
}

usage() if @ARGV < 2;
my $out = shift @ARGV;

my $tree = MaxMind::DB::Writer::Tree->new(
	ip_version => 6,
	record_size => 28,
	database_type => 'GeoLite2-City',
	languages => ['en'],
	description => { en => 'Pforte test geolocation database' },
	map_key_type_callback => sub {
		my $k = shift;
		return {
			country => 'map',
			iso_code => 'utf8_string',
			location => 'map',
			latitude => 'double',
			longitude => 'double',
		}->{$k} // die "mkgeo.pl: no type for key $k\n";
	},
	remove_reserved_networks => 0,
	alias_ipv6_to_ipv4 => 1,
);

my $num = qr/-?\d+(?:\.\d+)?/;
for my $arg (@ARGV) {
	my ($net, $cc, $lat, $lon) =
	    $arg =~ m{^([0-9A-Fa-f.:]+/\d+)=([A-Z]{2}|-)(?:,($num),($num))?$}
	    or die "mkgeo.pl: bad range '$arg' (want NET/LEN=CC[,LAT,LON])\n";
	die "mkgeo.pl: nothing to store for '$arg'\n" if $cc eq '-' && !defined $lat;
	my %rec;
	$rec{country} = { iso_code => $cc } if $cc ne '-';
	if (defined $lat) {
		die "mkgeo.pl: latitude out of range in '$arg'\n" if abs($lat) > 90;
		die "mkgeo.pl: longitude out of range in '$arg'\n" if abs($lon) > 180;
		$rec{location} = { latitude => $lat + 0, longitude => $lon + 0 };
	}
	# In an IPv6 tree the IPv4 space is ::0.0.0.0/96: libmaxminddb looks
	# IPv4 addresses up there, and alias_ipv6_to_ipv4 points ::ffff:0:0/96
	# at it.
	if ($net =~ m{^(\d+\.\d+\.\d+\.\d+)/(\d+)$}) {
		die "mkgeo.pl: bad prefix length in '$arg'\n" if $2 > 32;
		$net = "::$1/" . ($2 + 96);
	}
	$tree->insert_network($net, \%rec);
}

open(my $fh, '>:raw', "$out.tmp") or die "mkgeo.pl: $out.tmp: $!\n";
$tree->write_tree($fh);
close($fh) or die "mkgeo.pl: $out.tmp: $!\n";
rename("$out.tmp", $out) or die "mkgeo.pl: $out: $!\n";
