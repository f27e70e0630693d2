package nlwire

// AttrAlignTo is the alignment of netlink attributes.
//
//	#define NLA_ALIGNTO 4
const AttrAlignTo = 4

// AttrHeaderLen is the size of struct nlattr {u16 nla_len; u16 nla_type}.
//
//	#define NLA_HDRLEN ((int) NLA_ALIGN(sizeof(struct nlattr)))
const AttrHeaderLen = 4

// Attribute type flag bits carried in nla_type.
//
//	#define NLA_F_NESTED        (1 << 15)
//	#define NLA_F_NET_BYTEORDER (1 << 14)
//	#define NLA_TYPE_MASK       ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)
const (
	FlagNested       = 1 << 15
	FlagNetByteOrder = 1 << 14
	TypeMask         = ^uint16(FlagNested | FlagNetByteOrder)
)

// Align rounds n up to the attribute alignment.
//
//	#define NLA_ALIGN(len) (((len) + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1))
func Align(n int) int { return (n + AttrAlignTo - 1) &^ (AttrAlignTo - 1) }

// AttrSize is the aligned size of an attribute with a payload of n bytes.
//
//	static inline int nla_total_size(int payload) { return NLA_ALIGN(nla_attr_size(payload)); }
func AttrSize(n int) int { return Align(AttrHeaderLen + n) }
